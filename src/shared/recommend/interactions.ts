// Turns interaction rows with real ids (a MovieLens userId/movieId, a Montage item key) into the
// dense `Interactions` every recommender and the evaluation harness read, keeping the id maps so
// recommendations can be named again; and builds the users × items training matrix from them.
import { csrFromTriples } from './csr';
import type { CsrMatrix, Interactions } from './types';

/** One interaction as an importer or the host produces it. */
export interface InteractionRow {
  user: string;
  item: string;
  /** Any increasing unit (MovieLens: seconds; Montage: milliseconds). */
  time: number;
  /** Strength; 1 when absent. */
  weight?: number;
  /** A session or project id, for co-occurrence. */
  context?: string;
}

/** The dense interactions with the maps between real ids and indexes. */
export interface IndexedInteractions {
  interactions: Interactions;
  /** Real id of each user index / item index / context index, in order of first appearance. */
  userIds: string[];
  itemIds: string[];
  contextIds: string[];
  userIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  contextIndex: Map<string, number>;
}

/** Collects rows one at a time (so a streamed import never holds every row object) and builds once. */
export class InteractionsBuilder {
  private readonly userIndex = new Map<string, number>();
  private readonly itemIndex = new Map<string, number>();
  private readonly contextIndex = new Map<string, number>();
  private readonly userIds: string[] = [];
  private readonly itemIds: string[] = [];
  private readonly contextIds: string[] = [];
  private user = new Int32Array(1024);
  private item = new Int32Array(1024);
  private context = new Int32Array(1024);
  private time = new Float64Array(1024);
  private weight = new Float32Array(1024);
  private n = 0;

  get size(): number {
    return this.n;
  }

  add(row: InteractionRow): void {
    const weight = row.weight ?? 1;
    if (!Number.isFinite(row.time)) throw new RangeError(`interaction ${row.user} → ${row.item}: time ${row.time} is not a finite number`);
    if (!Number.isFinite(weight)) throw new RangeError(`interaction ${row.user} → ${row.item}: weight ${weight} is not a finite number`);
    if (this.n === this.user.length) this.grow();
    const at = this.n++;
    this.user[at] = indexOf(row.user, this.userIndex, this.userIds);
    this.item[at] = indexOf(row.item, this.itemIndex, this.itemIds);
    this.context[at] = row.context === undefined ? -1 : indexOf(row.context, this.contextIndex, this.contextIds);
    this.time[at] = row.time;
    this.weight[at] = weight;
  }

  /** Sorts by user, then by time (stable: equal times keep the order they were added in). */
  build(): IndexedInteractions {
    const n = this.n;
    const users = this.userIds.length;
    // Counting sort by user keeps the input order within each user; then sort each user's run by time.
    const start = new Int32Array(users + 1);
    for (let i = 0; i < n; i++) start[(this.user[i] as number) + 1] = (start[(this.user[i] as number) + 1] as number) + 1;
    for (let u = 0; u < users; u++) start[u + 1] = (start[u + 1] as number) + (start[u] as number);
    const fill = start.slice(0, users);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = this.user[i] as number;
      order[fill[u] as number] = i;
      fill[u] = (fill[u] as number) + 1;
    }
    for (let u = 0; u < users; u++) sortRunByTime(order, start[u] as number, start[u + 1] as number, this.time);
    const interactions: Interactions = {
      users,
      items: this.itemIds.length,
      user: new Int32Array(n),
      item: new Int32Array(n),
      time: new Float64Array(n),
      weight: new Float32Array(n),
    };
    const context = this.contextIds.length > 0 ? new Int32Array(n) : undefined;
    for (let k = 0; k < n; k++) {
      const i = order[k] as number;
      interactions.user[k] = this.user[i] as number;
      interactions.item[k] = this.item[i] as number;
      interactions.time[k] = this.time[i] as number;
      interactions.weight[k] = this.weight[i] as number;
      if (context) context[k] = this.context[i] as number;
    }
    if (context) interactions.context = context;
    return {
      interactions,
      userIds: this.userIds.slice(),
      itemIds: this.itemIds.slice(),
      contextIds: this.contextIds.slice(),
      userIndex: new Map(this.userIndex),
      itemIndex: new Map(this.itemIndex),
      contextIndex: new Map(this.contextIndex),
    };
  }

  private grow(): void {
    const size = this.user.length * 2;
    const grown = <T extends Int32Array | Float64Array | Float32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.user = grown(this.user, (s) => new Int32Array(s));
    this.item = grown(this.item, (s) => new Int32Array(s));
    this.context = grown(this.context, (s) => new Int32Array(s));
    this.time = grown(this.time, (s) => new Float64Array(s));
    this.weight = grown(this.weight, (s) => new Float32Array(s));
  }
}

/** Dense interactions from rows of real ids; users and items are numbered in order of first appearance. */
export function buildInteractions(rows: Iterable<InteractionRow>): IndexedInteractions {
  const builder = new InteractionsBuilder();
  for (const row of rows) builder.add(row);
  return builder.build();
}

/**
 * The users × items matrix (repeated interactions summed by weight). `exclude` leaves out entries:
 * a mask over the interactions (non-zero = leave out) or a test on an entry's position.
 */
export function toCsr(interactions: Interactions, exclude?: ArrayLike<number> | ((entry: number) => boolean)): CsrMatrix {
  const n = interactions.user.length;
  if (!exclude) return csrFromTriples(interactions.users, interactions.items, interactions.user, interactions.item, interactions.weight);
  const leaveOut = typeof exclude === 'function' ? exclude : (entry: number) => (exclude[entry] ?? 0) !== 0;
  const rows: number[] = [];
  const cols: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    if (leaveOut(i)) continue;
    rows.push(interactions.user[i] as number);
    cols.push(interactions.item[i] as number);
    values.push(interactions.weight[i] as number);
  }
  return csrFromTriples(interactions.users, interactions.items, rows, cols, values);
}

function indexOf(id: string, index: Map<string, number>, ids: string[]): number {
  let at = index.get(id);
  if (at === undefined) {
    at = ids.length;
    index.set(id, at);
    ids.push(id);
  }
  return at;
}

/** Sorts order[from … to) by time, stably; most runs are already in order and cost one pass. */
function sortRunByTime(order: Int32Array, from: number, to: number, time: Float64Array): void {
  let sorted = true;
  for (let k = from + 1; k < to && sorted; k++) sorted = (time[order[k - 1] as number] as number) <= (time[order[k] as number] as number);
  if (sorted) return;
  const run = Array.from(order.subarray(from, to)).sort((a, b) => (time[a] as number) - (time[b] as number) || a - b);
  order.set(run, from);
}
