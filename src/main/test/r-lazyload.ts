// Reads one data frame from an R package's lazy-load database (data/Rdata.rdb + Rdata.rdx), enough
// for the MovieLens ratings that Debian's r-cran-dslabs ships (its `movielens` data set, made from
// GroupLens' ml-latest-small): the tests and the recommender benchmark read real ratings without R.
//
// Format: the .rdx index and each .rdb entry are R serializations (XDR, "X\n"), zlib-compressed
// behind a 4-byte big-endian length. Only what data frames need is read: integer, double, logical,
// string and list vectors, pair lists, attributes, symbols, references and the compact/wrapped
// ALTREP vectors R writes for them.
import { readFileSync } from 'node:fs';
import { gunzipSync, inflateSync } from 'node:zlib';

type RValue = null | string | RVector | RPairs | { sym: RValue } | { env: true };
interface RVector {
  values: unknown[];
  attributes?: RPairs;
}
interface RPairs {
  pairs: [string | null, RValue][];
}

class Reader {
  private at = 0;
  private readonly refs: RValue[] = [];
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private int(): number {
    const v = this.view.getInt32(this.at);
    this.at += 4;
    return v;
  }
  private length(): number {
    const n = this.int();
    return n === -1 ? this.int() * 2 ** 32 + (this.int() >>> 0) : n;
  }
  start(): RValue {
    if (this.bytes[0] !== 0x58 || this.bytes[1] !== 0x0a) throw new Error('not an R XDR serialization');
    this.at = 2;
    const version = this.int();
    this.int();
    this.int();
    if (version === 3) {
      const encoding = this.int();
      this.at += encoding;
    }
    return this.item();
  }
  private item(): RValue {
    const flags = this.int();
    const type = flags & 0xff;
    const hasAttributes = (flags & (1 << 9)) !== 0;
    const hasTag = (flags & (1 << 10)) !== 0;
    switch (type) {
      case 254: // NULL
        return null;
      case 242: // empty environment, base environment, global environment, unbound, missing, base namespace
      case 241:
      case 253:
      case 252:
      case 251:
      case 247:
        return { env: true };
      case 255: // a reference to an earlier symbol or environment
        return this.refs[(flags >> 8) - 1] ?? null;
      case 1: {
        const sym = { sym: this.item() };
        this.refs.push(sym);
        return sym;
      }
      case 9: {
        const n = this.int();
        if (n === -1) return null;
        const text = new TextDecoder().decode(this.bytes.subarray(this.at, this.at + n));
        this.at += n;
        return text;
      }
      case 2: // pair lists and their kin
      case 6:
      case 17:
      case 239:
      case 240: {
        if (hasAttributes) this.item();
        const tag = hasTag ? this.item() : null;
        const car = this.item();
        const cdr = this.item();
        const name = tag && typeof tag === 'object' && 'sym' in tag ? (tag.sym as string) : null;
        return { pairs: [[name, car], ...(cdr && typeof cdr === 'object' && 'pairs' in cdr ? cdr.pairs : [])] };
      }
      case 4: {
        this.int();
        const env: RValue = { env: true };
        this.refs.push(env);
        for (let k = 0; k < 4; k++) this.item();
        return env;
      }
      case 238: {
        // ALTREP: its class, its state, its attributes.
        const info = this.item() as RPairs;
        const state = this.item();
        const attributes = this.item();
        const cls = (info.pairs[0]?.[1] as { sym: string } | undefined)?.sym;
        let vector: RVector;
        if (cls === 'compact_intseq' || cls === 'compact_realseq') {
          const [n, first, step] = (state as RVector).values as number[];
          vector = { values: Array.from({ length: n as number }, (_, k) => (first as number) + k * (step as number)) };
        } else if (cls && cls.startsWith('wrap_')) {
          vector = (state as RPairs).pairs[0]?.[1] as RVector;
        } else throw new Error(`unsupported ALTREP class ${String(cls)}`);
        return attributes && typeof attributes === 'object' && 'pairs' in attributes ? { ...vector, attributes } : vector;
      }
      case 10: // logical
      case 13: {
        // integer
        const n = this.length();
        const values = Array.from({ length: n }, () => {
          const v = this.int();
          return v === -2147483648 ? null : v;
        });
        return this.withAttributes({ values }, hasAttributes);
      }
      case 14: {
        const n = this.length();
        const values = Array.from({ length: n }, () => {
          const v = this.view.getFloat64(this.at);
          this.at += 8;
          return v;
        });
        return this.withAttributes({ values }, hasAttributes);
      }
      case 16: // strings
      case 19: // lists
      case 20: {
        const n = this.length();
        const values = Array.from({ length: n }, () => this.item());
        return this.withAttributes({ values }, hasAttributes);
      }
      default:
        throw new Error(`unsupported R type ${type} at byte ${this.at}`);
    }
  }
  private withAttributes(vector: RVector, has: boolean): RVector {
    if (has) vector.attributes = this.item() as RPairs;
    return vector;
  }
}

function decompress(raw: Uint8Array): Uint8Array {
  if (raw[0] === 0x1f && raw[1] === 0x8b) return gunzipSync(raw);
  const body = raw.subarray(4);
  if (body[0] === 0x5a) return inflateSync(body.subarray(1)); // 'Z'
  if (body[0] === 0x30) return body.subarray(1); // '0': stored
  if (body[0] === 0x58 || body[0] === 0x32) throw new Error('xz and bzip2 lazy-load entries are not supported');
  return inflateSync(body);
}

const attribute = (v: { attributes?: RPairs }, name: string): RValue | undefined => v.attributes?.pairs.find(([n]) => n === name)?.[1];

/** The columns of data frame `name` in the lazy-load database at `base` (a path without .rdb/.rdx). */
export function readRDataFrame(base: string, name: string): Record<string, unknown[]> {
  const index = new Reader(decompress(readFileSync(`${base}.rdx`))).start() as RVector;
  const names = (attribute(index, 'names') as RVector).values as string[];
  const variables = index.values[names.indexOf('variables')] as RVector;
  const variableNames = (attribute(variables, 'names') as RVector).values as string[];
  const at = variableNames.indexOf(name);
  if (at < 0) throw new Error(`${base} has no data set "${name}" (it has ${variableNames.join(', ')})`);
  const [offset, length] = (variables.values[at] as RVector).values as number[];
  const rdb = readFileSync(`${base}.rdb`);
  const frame = new Reader(decompress(rdb.subarray(offset as number, (offset as number) + (length as number)))).start() as RVector;
  const columns = (attribute(frame, 'names') as RVector).values as string[];
  return Object.fromEntries(columns.map((c, k) => [c, (frame.values[k] as RVector).values]));
}

/** Where Debian's r-cran-dslabs keeps its data sets. */
export const dslabsData = '/usr/lib/R/site-library/dslabs/data/Rdata';

/** MovieLens latest-small (2016) as ratings.csv text, from r-cran-dslabs. */
export function dslabsMovielensCsv(base = dslabsData): string {
  const c = readRDataFrame(base, 'movielens');
  const [users, movies, ratings, times] = [c.userId, c.movieId, c.rating, c.timestamp] as number[][];
  const lines = ['userId,movieId,rating,timestamp'];
  for (let i = 0; i < (users as number[]).length; i++) lines.push(`${users![i]},${movies![i]},${ratings![i]},${times![i]}`);
  return `${lines.join('\n')}\n`;
}
