import { afterEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api';
import type { StudioClient } from '../client/studio-client';
import { useUiStore } from '../stores/ui-store';
import { recordEvent, resetRecordEventNotice } from './record-event';

/** A client whose history.record answers with `answer` and remembers what it was asked. */
function fakeClient(answer: () => Promise<unknown>): { client: StudioClient; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const client = {
    call: (...args: unknown[]) => {
      calls.push(args);
      return answer();
    },
  } as unknown as StudioClient;
  return { client, calls };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const toasts = () => useUiStore.getState().toasts;

afterEach(() => {
  resetRecordEventNotice();
  useUiStore.setState({ toasts: [] });
});

describe('recordEvent', () => {
  it('sends the event without the fields it does not have', async () => {
    const { client, calls } = fakeClient(() => Promise.resolve({ recorded: true }));
    recordEvent(client, { type: 'song.played', item: 'song:abc', projectId: undefined });
    await settle();
    expect(calls).toEqual([['history', 'record', { type: 'song.played', item: 'song:abc' }]]);
    expect(toasts()).toEqual([]);
  });

  it('says a failure once a session, and never throws', async () => {
    const { client } = fakeClient(() => Promise.reject(new StudioError('internal', 'disk full')));
    recordEvent(client, { type: 'document.opened', item: 'song:a' });
    recordEvent(client, { type: 'document.opened', item: 'song:b' });
    await settle();
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]?.message).toContain('disk full');
  });

  it('keeps quiet while the host is away, and survives a client that throws', async () => {
    const { client } = fakeClient(() => Promise.reject(new StudioError('unavailable', 'closed')));
    recordEvent(client, { type: 'song.played' });
    const throwing = {
      call: () => {
        throw new Error('boom');
      },
    } as unknown as StudioClient;
    expect(() => recordEvent(throwing, { type: 'song.played' })).not.toThrow();
    await settle();
    expect(toasts()).toHaveLength(1);
    expect(toasts()[0]?.message).toContain('boom');
  });
});
