// Packed events come back as they were, batch after batch; each string travels once.
import { describe, expect, it } from 'vitest';
import { EventBatchDecoder, EventBatchEncoder, eventBatchBuffers } from './event-batch';
import type { LocalEvent } from './local-history';

const event = (at: number, item: string, projectId: string | null, sessionId: string | null, weight = 1, type = 'document.opened'): LocalEvent => ({ at, type, item, projectId, sessionId, weight });

describe('event batches', () => {
  it('decodes what was encoded, in order, with missing projects and sessions, across batches', () => {
    const encoder = new EventBatchEncoder();
    const decoder = new EventBatchDecoder();
    const first = [event(1_700_000_000_123, 'song:a', 'p1', 's1', 0.5), event(1_700_000_000_124, 'instrument:33', null, 's1', 3, 'generation.kept'), event(5, 'song:a', null, null)];
    const second = [event(6, 'song:a', 'p1', 's2'), event(7, 'model:m', 'p2', 's2', 2)];
    const a = encoder.encode(first);
    expect(a.strings).toEqual(['document.opened', 'song:a', 'p1', 's1', 'generation.kept', 'instrument:33']);
    // The buffers can move to another thread: one per array.
    expect(eventBatchBuffers(a)).toHaveLength(6);
    expect(decoder.decode(structuredClone(a))).toEqual(first);
    const b = encoder.encode(second);
    expect(b.strings).toEqual(['s2', 'model:m', 'p2']);
    expect(decoder.decode(structuredClone(b))).toEqual(second);
    expect(decoder.decode(encoder.encode([]))).toEqual([]);
  });

  it('refuses a batch whose strings it never got', () => {
    const encoder = new EventBatchEncoder();
    encoder.encode([event(1, 'song:a', null, null)]);
    expect(() => new EventBatchDecoder().decode(encoder.encode([event(2, 'song:a', null, null)]))).toThrow(/table lacks/);
  });
});
