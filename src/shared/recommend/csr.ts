// Building and reading the users × items matrix every recommender trains on.
import type { CsrMatrix } from './types';

/** A CSR matrix from (row, col, value) triples; repeated cells are summed, columns sorted per row. */
export function csrFromTriples(rows: number, cols: number, row: ArrayLike<number>, col: ArrayLike<number>, value?: ArrayLike<number>): CsrMatrix {
  const n = row.length;
  const counts = new Int32Array(rows + 1);
  for (let i = 0; i < n; i++) {
    const r = row[i] as number;
    const c = col[i] as number;
    if (!(r >= 0 && r < rows && c >= 0 && c < cols)) throw new RangeError(`cell (${r}, ${c}) is outside a ${rows} × ${cols} matrix`);
    counts[r + 1] = (counts[r + 1] as number) + 1;
  }
  for (let r = 0; r < rows; r++) counts[r + 1] = (counts[r + 1] as number) + (counts[r] as number);
  const order = new Int32Array(n);
  const fill = counts.slice(0, rows);
  for (let i = 0; i < n; i++) {
    const r = row[i] as number;
    order[fill[r] as number] = i;
    fill[r] = (fill[r] as number) + 1;
  }
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const cells = Array.from(order.subarray(counts[r] as number, counts[r + 1] as number)).sort((a, b) => (col[a] as number) - (col[b] as number));
    for (const i of cells) {
      const c = col[i] as number;
      const v = value ? (value[i] as number) : 1;
      if (indices.length > (indptr[r] as number) && indices[indices.length - 1] === c) values[values.length - 1] = (values[values.length - 1] as number) + v;
      else {
        indices.push(c);
        values.push(v);
      }
    }
    indptr[r + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
}

/** The columns of row `r` (a view, not a copy). */
export function rowIndices(m: CsrMatrix, r: number): Int32Array {
  return m.indices.subarray(m.indptr[r] as number, m.indptr[r + 1] as number);
}

/** The values of row `r` (a view, not a copy). */
export function rowValues(m: CsrMatrix, r: number): Float32Array {
  return m.values.subarray(m.indptr[r] as number, m.indptr[r + 1] as number);
}

/** The transpose (items × users), in CSR. */
export function transpose(m: CsrMatrix): CsrMatrix {
  const counts = new Int32Array(m.cols + 1);
  for (let i = 0; i < m.indices.length; i++) {
    const c = (m.indices[i] as number) + 1;
    counts[c] = (counts[c] as number) + 1;
  }
  for (let c = 0; c < m.cols; c++) counts[c + 1] = (counts[c + 1] as number) + (counts[c] as number);
  const fill = counts.slice(0, m.cols);
  const indices = new Int32Array(m.indices.length);
  const values = new Float32Array(m.indices.length);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r] as number; k < (m.indptr[r + 1] as number); k++) {
      const c = m.indices[k] as number;
      const at = fill[c] as number;
      fill[c] = at + 1;
      indices[at] = r;
      values[at] = m.values[k] as number;
    }
  }
  return { rows: m.cols, cols: m.rows, indptr: counts, indices, values };
}
