// Local events packed for the recommendation thread: each string (type, item, project, session) is
// numbered once and sent the first time it appears, the rest travel as typed arrays, whose buffers
// are moved to the thread rather than copied. Structured-cloning 200,000 event objects would hold
// the host's event loop several times longer. An encoder and its decoder share a growing table:
// a batch can only be decoded after every earlier batch of the same encoder.
import type { LocalEvent } from './local-history';

export interface EventBatch {
  /** Strings first seen in this batch, numbered on from the previous batches'. */
  strings: string[];
  at: Float64Array;
  weight: Float64Array;
  /** Indexes into the string table; -1 for no project or session. */
  type: Int32Array;
  item: Int32Array;
  project: Int32Array;
  session: Int32Array;
}

/** The buffers to transfer with a batch. */
export const eventBatchBuffers = (batch: EventBatch): ArrayBuffer[] =>
  [batch.at, batch.weight, batch.type, batch.item, batch.project, batch.session].map((a) => a.buffer as ArrayBuffer);

export class EventBatchEncoder {
  private readonly numbers = new Map<string, number>();

  encode(events: readonly LocalEvent[]): EventBatch {
    const n = events.length;
    const batch: EventBatch = {
      strings: [],
      at: new Float64Array(n),
      weight: new Float64Array(n),
      type: new Int32Array(n),
      item: new Int32Array(n),
      project: new Int32Array(n),
      session: new Int32Array(n),
    };
    const number = (s: string | null): number => {
      if (s === null) return -1;
      let k = this.numbers.get(s);
      if (k === undefined) {
        k = this.numbers.size;
        this.numbers.set(s, k);
        batch.strings.push(s);
      }
      return k;
    };
    for (let i = 0; i < n; i++) {
      const e = events[i] as LocalEvent;
      batch.at[i] = e.at;
      batch.weight[i] = e.weight;
      batch.type[i] = number(e.type);
      batch.item[i] = number(e.item);
      batch.project[i] = number(e.projectId);
      batch.session[i] = number(e.sessionId);
    }
    return batch;
  }
}

export class EventBatchDecoder {
  private readonly strings: string[] = [];

  decode(batch: EventBatch): LocalEvent[] {
    for (const s of batch.strings) this.strings.push(s);
    const text = (k: number): string | null => (k < 0 ? null : (this.strings[k] ?? null));
    const events: LocalEvent[] = new Array<LocalEvent>(batch.at.length);
    for (let i = 0; i < batch.at.length; i++) {
      const type = text(batch.type[i] as number);
      const item = text(batch.item[i] as number);
      if (type === null || item === null) throw new Error(`Event ${i} of the batch names a string the table lacks (a batch was lost or came out of order).`);
      events[i] = {
        at: batch.at[i] as number,
        type,
        item,
        projectId: text(batch.project[i] as number),
        sessionId: text(batch.session[i] as number),
        weight: batch.weight[i] as number,
      };
    }
    return events;
  }
}
