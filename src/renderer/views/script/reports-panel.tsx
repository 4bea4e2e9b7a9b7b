// The Reports view: what the host's `scripts.report` says about the script (pages as the PDF lays
// them out, scenes, characters with speeches and words, locations, INT/EXT and DAY/NIGHT), asked
// again a moment after the text stops changing. Counts people compare are drawn as bars.
import { useEffect, useState } from 'react';
import type { ScriptReport } from '../../../shared/script/report';
import { StudioError } from '../../../shared/api/errors';
import { useStudioClient } from '../../client/client-context';
import { useScriptStore } from '../../stores/script-store';
import { openScene, currentIndex } from './script-view-store';

export const reportDelayMs = 800;

function Bars({ rows, testId }: { rows: { label: string; value: number; note?: string }[]; testId: string }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <ul className="report-bars" data-testid={testId}>
      {rows.map((r) => (
        <li key={r.label} className="report-bar-row">
          <span className="report-bar-label" title={r.label}>
            {r.label}
          </span>
          <span className="report-bar-track">
            <span className="report-bar" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span className="report-bar-value">{r.note ?? r.value}</span>
        </li>
      ))}
    </ul>
  );
}

export function ReportsPanel({ docId }: { docId: string }) {
  const client = useStudioClient();
  const [report, setReport] = useState<ScriptReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = () => {
      timer = null;
      client
        .scripts.report({ id: docId })
        .then((r) => {
          if (!alive) return;
          setReport(r);
          setError(null);
        })
        .catch((err: unknown) => {
          if (alive) setError(StudioError.from(err).message);
        });
    };
    load();
    const stop = useScriptStore.subscribe((s, prev) => {
      if (s.rev === prev.rev && s.text === prev.text) return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(load, reportDelayMs);
    });
    return () => {
      alive = false;
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [client, docId]);

  if (!report) {
    return <section className="reports">{error ? <p className="field-error">{error}</p> : <p className="empty-note">Counting…</p>}</section>;
  }

  const speakers = report.characters.slice(0, 20);
  return (
    <section className="reports" data-testid="reports" aria-label="Reports">
      <div className="report-figures">
        <div className="report-figure">
          <span className="report-figure-value" data-testid="report-pages">
            {report.pages}
          </span>
          <span className="text-dim">page{report.pages === 1 ? '' : 's'} (US Letter)</span>
        </div>
        <div className="report-figure">
          <span className="report-figure-value" data-testid="report-scenes">
            {report.sceneCount}
          </span>
          <span className="text-dim">scene{report.sceneCount === 1 ? '' : 's'}</span>
        </div>
        <div className="report-figure">
          <span className="report-figure-value">{report.characters.length}</span>
          <span className="text-dim">speaking character{report.characters.length === 1 ? '' : 's'}</span>
        </div>
        <div className="report-figure">
          <span className="report-figure-value">{report.locations.length}</span>
          <span className="text-dim">location{report.locations.length === 1 ? '' : 's'}</span>
        </div>
      </div>
      <div className="report-grid">
        <section className="report-card">
          <h2 className="section-label">Characters: speeches</h2>
          {speakers.length === 0 ? (
            <p className="text-dim">No dialogue yet.</p>
          ) : (
            <Bars testId="report-characters" rows={speakers.map((c) => ({ label: c.name, value: c.lines, note: `${c.lines} · ${c.words} words · ${c.scenes} sc.` }))} />
          )}
        </section>
        <section className="report-card">
          <h2 className="section-label">Locations: scenes</h2>
          {report.locations.length === 0 ? <p className="text-dim">No locations yet.</p> : <Bars testId="report-locations" rows={report.locations.slice(0, 20).map((l) => ({ label: l.name, value: l.scenes }))} />}
        </section>
        <section className="report-card">
          <h2 className="section-label">Interior / exterior</h2>
          <Bars
            testId="report-int-ext"
            rows={[
              { label: 'INT', value: report.intExt.int },
              { label: 'EXT', value: report.intExt.ext },
              { label: 'INT/EXT', value: report.intExt.intExt },
              { label: 'Other', value: report.intExt.other },
            ]}
          />
          <h2 className="section-label report-second">Day / night</h2>
          <Bars
            testId="report-day-night"
            rows={[
              { label: 'DAY', value: report.dayNight.day },
              { label: 'NIGHT', value: report.dayNight.night },
              { label: 'Other', value: report.dayNight.other },
            ]}
          />
        </section>
      </div>
      <section className="report-card">
        <h2 className="section-label">Scenes</h2>
        <table className="data-table report-scenes" data-testid="report-scene-list">
          <thead>
            <tr>
              <th>#</th>
              <th>Heading</th>
              <th>Page</th>
              <th>Characters</th>
            </tr>
          </thead>
          <tbody>
            {report.scenes.map((s) => (
              <tr key={s.index}>
                <td>{s.number ?? s.index}</td>
                <td>
                  <button type="button" className="link-button" onClick={() => {
                    const scene = currentIndex().scenes[s.index - 1];
                    if (scene) openScene(scene);
                  }}>
                    {s.heading}
                  </button>
                </td>
                <td>{s.page}</td>
                <td className="text-dim">{s.characters.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}
