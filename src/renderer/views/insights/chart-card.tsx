// One Insights chart in a card: its title and what it counts, its legend, Export CSV (from the
// data) and Export PNG (the chart's canvas under the title and legend), and an empty state that
// says what would fill it.
import { useRef, useState, type ReactNode } from 'react';
import { notify } from '../../stores/ui-store';
import { downloadBlob } from '../../lib/download';
import { chartPng, downloadCsv, type LegendKey } from './chart-export';
import { exportFileName } from './insights-logic';

interface ChartCardProps {
  id: string;
  title: string;
  note?: ReactNode;
  legend?: readonly LegendKey[];
  /** What would fill the chart, said instead of it when there is nothing to draw. */
  empty: string | null;
  days: number;
  csv: () => string;
  wide?: boolean;
  children: ReactNode;
}

export function ChartCard({ id, title, note, legend = [], empty, days, csv, wide = false, children }: ChartCardProps) {
  const body = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(false);

  const exportCsv = () => downloadCsv(exportFileName(title, days, 'csv', Date.now()), csv());
  const exportPng = async () => {
    const canvas = body.current?.querySelector('canvas');
    if (!canvas) return;
    setBusy(true);
    try {
      downloadBlob(exportFileName(title, days, 'png', Date.now()), await chartPng(canvas, title, legend));
    } catch (err) {
      notify(`The image could not be saved: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className={`insight-card${wide ? ' is-wide' : ''}`} data-testid={`insight-${id}`} data-empty={empty !== null} aria-labelledby={`insight-${id}-title`}>
      <header className="insight-head">
        <div className="insight-titles">
          <h2 id={`insight-${id}-title`} className="card-title">
            {title}
          </h2>
          {note && <p className="insight-note text-faint">{note}</p>}
        </div>
        <span className="insight-actions">
          <button type="button" className="btn btn-small btn-ghost" data-testid="export-csv" disabled={empty !== null} title={`Save the figures of “${title}” as a CSV file`} onClick={exportCsv}>
            Export CSV
          </button>
          <button type="button" className="btn btn-small btn-ghost" data-testid="export-png" disabled={empty !== null || busy} title={`Save “${title}” as a PNG image`} onClick={() => void exportPng()}>
            Export PNG
          </button>
        </span>
      </header>
      {empty === null && legend.length > 0 && (
        <ul className="insight-legend">
          {legend.map((key) => (
            <li key={key.label}>
              <i style={{ background: key.color }} />
              {key.label}
            </li>
          ))}
        </ul>
      )}
      <div ref={body} className="insight-body">
        {empty === null ? (
          children
        ) : (
          <p className="insight-empty" data-testid="insight-empty">
            {empty}
          </p>
        )}
      </div>
    </section>
  );
}
