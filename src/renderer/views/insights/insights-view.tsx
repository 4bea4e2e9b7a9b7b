// The Insights screen (#/insights): charts of what the local history and the user's own songs and
// scripts say, over a span (7, 30, 90 days or a year): activity by day and view, the keep rate of
// generated results by model and temperature, the instruments, keys and tempos used, the
// characters and locations of the scripts, the click-through of For you by kind, and the newest
// models' training curves. Every chart exports its figures (CSV) and its picture (PNG). "How For
// you ranks" runs the recommenders' evaluation on demand.
import { useEffect, useMemo } from 'react';
import { useStudioClient } from '../../client/client-context';
import { BarChart } from './bar-chart';
import { ChartCard } from './chart-card';
import { LineChart } from './line-chart';
import {
  activityCsv,
  activitySeries,
  characterRows,
  charactersCsv,
  clickThroughCsv,
  clickThroughRows,
  curveModels,
  instrumentRows,
  instrumentsCsv,
  keepRateCsv,
  keepRateRows,
  keyRows,
  keysCsv,
  locationRows,
  locationsCsv,
  lossCsv,
  lossSeries,
  spanLabels,
  spans,
  tempoRows,
  temposCsv,
} from './insights-logic';
import { leaveInsights, reloadInsights, setSpan, useInsightsStore } from './insights-store';
import { RankingEvaluation } from './ranking-evaluation';
import './insights.css';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function InsightsView() {
  const client = useStudioClient();
  const { days, insights, models, loading, error } = useInsightsStore();

  useEffect(() => {
    void reloadInsights(client);
    const offConn = client.onConnection((state) => state === 'connected' && void reloadInsights(client));
    return () => {
      offConn();
      leaveInsights();
    };
  }, [client]);

  const activity = useMemo(() => (insights ? activitySeries(insights) : null), [insights]);
  const curves = useMemo(() => lossSeries(models), [models]);
  const rows = useMemo(
    () =>
      insights && {
        keep: keepRateRows(insights),
        instruments: instrumentRows(insights),
        keys: keyRows(insights),
        tempos: tempoRows(insights),
        characters: characterRows(insights),
        locations: locationRows(insights),
        clicks: clickThroughRows(insights),
      },
    [insights],
  );
  const span = spanLabels[days].toLowerCase();
  const inSpan = days === 365 ? 'in the last year' : `in the last ${span}`;

  return (
    <div className="insights-screen" data-testid="insights-view" data-days={days} data-loading={loading}>
      <nav className="breadcrumb">
        <a className="back-link" href="#/" data-testid="home-link" title="Back to Projects">
          ← Projects
        </a>
      </nav>
      <header className="insights-header">
        <h1 className="screen-title">Insights</h1>
        <div className="insights-span" role="radiogroup" aria-label="Span">
          {spans.map((d) => (
            <button key={d} type="button" role="radio" aria-checked={days === d} className={`btn btn-small${days === d ? ' is-on' : ''}`} data-testid={`insights-span-${d}`} onClick={() => setSpan(client, d)}>
              {spanLabels[d]}
            </button>
          ))}
        </div>
        <span className="status-spacer" />
        {loading && insights && <span className="text-faint insights-loading">Updating…</span>}
        <button type="button" className="btn btn-small btn-ghost" data-testid="insights-refresh" disabled={loading} onClick={() => void reloadInsights(client)}>
          Refresh
        </button>
      </header>
      <p className="text-faint insights-intro">
        Computed on this computer from your <a href="#/history">history</a>
        {insights && (
          <>
            {' '}
            and your {plural(insights.documents.songs, 'song')} and {plural(insights.documents.scripts, 'script')}
          </>
        )}
        . Nothing leaves the machine.
      </p>
      {error && (
        <div className="field-error insights-error" role="alert" data-testid="insights-error">
          <span>{error}</span>
          <button type="button" className="btn btn-small" onClick={() => void reloadInsights(client)}>
            Try again
          </button>
        </div>
      )}
      {!insights || !activity || !rows ? (
        !error && <p className="empty-note">Reading your history…</p>
      ) : (
        <div className="insights-grid">
          <ChartCard
            id="activity"
            title="Activity"
            note={`Things you did per day, by where you did them, ${inSpan} (UTC days).`}
            legend={activity.series}
            empty={activity.series.length === 0 ? `Nothing recorded ${inSpan}. Opening, playing, generating and editing songs and scripts fills this chart.` : null}
            days={days}
            csv={() => activityCsv(insights)}
            wide
          >
            <LineChart
              xs={activity.xs}
              series={activity.series}
              x="days"
              yLabel="events"
              points={days <= 31}
              testId="activity-chart"
              label={`Events per day over ${spanLabels[days].toLowerCase()}, by view`}
            />
          </ChartCard>
          <ChartCard
            id="keep-rate"
            title="Keep rate by model and temperature"
            note="Generated results you kept or discarded."
            legend={[
              { label: 'Kept', color: '#3fcf8e' },
              { label: 'Discarded', color: 'rgba(240, 98, 93, 0.55)' },
            ]}
            empty={rows.keep.length === 0 ? `No generated results kept or discarded ${inSpan}. Generate clips in a song and keep or discard them to see which model and temperature suit you.` : null}
            days={days}
            csv={() => keepRateCsv(insights)}
          >
            <BarChart rows={rows.keep} label="Keep rate by model and temperature" testId="keep-rate-chart" />
          </ChartCard>
          <ChartCard
            id="click-through"
            title="For you click-through"
            note="Suggestions shown and opened, by kind."
            legend={[
              { label: 'Clicked', color: '#ff9ecf' },
              { label: 'Shown, not clicked', color: 'rgba(138, 145, 158, 0.45)' },
            ]}
            empty={rows.clicks.length === 0 ? `No suggestions shown ${inSpan}. The For you cards on Home and in projects fill this chart.` : null}
            days={days}
            csv={() => clickThroughCsv(insights)}
          >
            <BarChart rows={rows.clicks} label="For you click-through by kind" testId="click-through-chart" />
          </ChartCard>
          <ChartCard
            id="instruments"
            title="Most-used instruments"
            note={`Instruments taken up in songs ${inSpan}.`}
            empty={rows.instruments.length === 0 ? `No instruments added to songs ${inSpan}. Adding tracks or changing a track's instrument fills this chart.` : null}
            days={days}
            csv={() => instrumentsCsv(insights)}
          >
            <BarChart rows={rows.instruments} label="Most-used instruments" testId="instruments-chart" />
          </ChartCard>
          <ChartCard
            id="keys"
            title="Keys"
            note={`The key each of your newest ${plural(insights.documents.songs, 'song')} starts in.`}
            empty={rows.keys.length === 0 ? 'No songs with a key yet. Set a key in a song (or import MIDI with one) to fill this chart.' : null}
            days={days}
            csv={() => keysCsv(insights)}
          >
            <BarChart rows={rows.keys} label="Keys of your songs" testId="keys-chart" />
          </ChartCard>
          <ChartCard
            id="tempos"
            title="Tempos"
            note="The tempo each song starts at, slowest first."
            empty={rows.tempos.length === 0 ? 'No songs yet. Create or import songs to see the tempos you write at.' : null}
            days={days}
            csv={() => temposCsv(insights)}
          >
            <BarChart rows={rows.tempos} label="Tempos of your songs" testId="tempos-chart" />
          </ChartCard>
          <ChartCard
            id="characters"
            title="Characters"
            note={`Speeches per character over your ${plural(insights.documents.scripts, 'script')}.`}
            empty={rows.characters.length === 0 ? 'No characters speak yet. Write or import scripts with dialogue to fill this chart.' : null}
            days={days}
            csv={() => charactersCsv(insights)}
          >
            <BarChart rows={rows.characters} label="Characters by speeches" testId="characters-chart" />
          </ChartCard>
          <ChartCard
            id="locations"
            title="Locations"
            note="Scenes per location over your scripts."
            empty={rows.locations.length === 0 ? 'No scene headings yet. Scripts with INT. and EXT. scenes fill this chart.' : null}
            days={days}
            csv={() => locationsCsv(insights)}
          >
            <BarChart rows={rows.locations} label="Locations by scenes" testId="locations-chart" />
          </ChartCard>
          <ChartCard
            id="training"
            title="Training runs"
            note={`Training loss per step of the newest ${curveModels} models with a curve (all time)${curves.log ? ', on a log scale so each curve reads' : ''}.`}
            legend={curves.series}
            empty={curves.series.length === 0 ? 'No training curves yet. Train a model on your songs (Train on my music… in a project) to see its loss here.' : null}
            days={days}
            csv={() => lossCsv(curves)}
            wide
          >
            <LineChart xs={curves.steps} series={curves.series} x="steps" yLabel={curves.log ? 'loss (log)' : 'loss'} log={curves.log} height={220} testId="insights-loss" label="Training loss per step" />
          </ChartCard>
          <RankingEvaluation />
        </div>
      )}
    </div>
  );
}
