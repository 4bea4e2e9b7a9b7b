// The harness's table (model, HR@10, NDCG@10, fit time), as "How For you ranks" shows it for the
// local history and for a ratings file: one row per model, the best figures highlighted, and one
// row marked with a badge (the model in use, or the best).
import type { LocalEvaluationRow } from '../../../shared/api';
import { modelLabel } from './ratings-evaluation-logic';

const fixed = (v: number, places: number): string => (Number.isFinite(v) ? v.toFixed(places) : '—');

export interface RankingTableProps {
  rows: readonly LocalEvaluationRow[];
  /** Rows whose figures are highlighted as the best. */
  best: ReadonlySet<string>;
  /** The row that carries the badge, and the badge. */
  marked: string | null;
  badge: { label: string; className: string };
  testId: string;
  rowTestId: string;
}

export function RankingTable({ rows, best, marked, badge, testId, rowTestId }: RankingTableProps) {
  return (
    <table className="data-table ranking-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col" className="num" title="Hit rate at 10: how often the held-out item was in the top 10">
            HR@10
          </th>
          <th scope="col" className="num" title="Normalised discounted cumulative gain at 10: higher when the held-out item ranks nearer the top">
            NDCG@10
          </th>
          <th scope="col" className="num" title="Seconds to fit the model">
            Fit s
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const isBest = best.has(row.name);
          return (
            <tr key={row.name} data-testid={rowTestId} data-model={row.name} data-best={isBest || undefined} className={row.name === marked ? 'is-chosen' : undefined}>
              <th scope="row">
                {modelLabel(row.name)}
                {row.name === marked && <span className={`badge ${badge.className}`}>{badge.label}</span>}
              </th>
              <td className={`num${isBest ? ' is-best' : ''}`}>{fixed(row.hr10, 3)}</td>
              <td className={`num${isBest ? ' is-best' : ''}`}>{fixed(row.ndcg10, 3)}</td>
              <td className="num">{fixed(row.fitSeconds, 2)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
