import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from './transport';
import { WebSocketTransport } from './websocket-transport';

/** Just enough of the browser WebSocket for the transport, driven by the test. */
class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { id: number; service: string; method: string; args: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(frame: string) {
    this.sent.push(JSON.parse(frame));
  }
  close() {
    this.drop(1000);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  reply(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;

function makeTransport(probeStatus: number | 'offline' = 'offline') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => {
      if (probeStatus === 'offline') throw new TypeError('Failed to fetch');
      return { status: probeStatus };
    }),
  );
  const transport = new WebSocketTransport({ url: 'ws://127.0.0.1:1/api', probeUrl: 'http://127.0.0.1:1/api', queueTimeoutMs: 10_000 });
  const states: ConnectionState[] = [];
  transport.onConnection((s) => states.push(s));
  return { transport, states };
}

beforeEach(() => {
  vi.useFakeTimers();
  FakeSocket.all = [];
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('WebSocketTransport', () => {
  it('holds calls until the socket opens, then sends them and resolves with the result', async () => {
    const { transport, states } = makeTransport();
    const call = transport.call('projects', 'list', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(states).toEqual(['connected']);
    const sent = latest().sent[0]!;
    expect(sent).toMatchObject({ kind: 'call', service: 'projects', method: 'list', args: {} });
    latest().reply({ kind: 'result', id: sent.id, ok: true, value: ['p'] });
    await expect(call).resolves.toEqual(['p']);
  });

  it('rebuilds StudioErrors from failed results', async () => {
    const { transport } = makeTransport();
    latest().open();
    const call = transport.call('projects', 'create', { name: 'x' });
    latest().reply({ kind: 'result', id: latest().sent[0]!.id, ok: false, error: { code: 'conflict', message: 'Taken.' } });
    await expect(call).rejects.toMatchObject({ name: 'StudioError', code: 'conflict', message: 'Taken.' });
  });

  it('passes events to listeners', () => {
    const { transport } = makeTransport();
    const seen: string[] = [];
    transport.onEvent((name) => seen.push(name));
    latest().open();
    latest().reply({ kind: 'event', name: 'onJobChanged', payload: {} });
    expect(seen).toEqual(['onJobChanged']);
  });

  it('fails calls in flight when the link drops, then reconnects with backoff', async () => {
    const { transport, states } = makeTransport();
    latest().open();
    const call = transport.call('jobs', 'list', {});
    latest().drop();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
    expect(states).toEqual(['connected', 'reconnecting']);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(300);
    expect(FakeSocket.all).toHaveLength(2);
    latest().open();
    expect(states).toEqual(['connected', 'reconnecting', 'connected']);
  });

  it('lets a call made while disconnected wait for the reconnect', async () => {
    const { transport } = makeTransport();
    latest().open();
    latest().drop();
    const call = transport.call('system', 'info', {});
    await vi.advanceTimersByTimeAsync(300);
    latest().open();
    latest().reply({ kind: 'result', id: latest().sent[0]!.id, ok: true, value: 'info' });
    await expect(call).resolves.toBe('info');
  });

  it('fails a waiting call as unavailable when the host stays away', async () => {
    const { transport } = makeTransport();
    const call = transport.call('system', 'info', {});
    const settled = expect(call).rejects.toMatchObject({ code: 'unavailable' });
    await vi.advanceTimersByTimeAsync(10_001);
    await settled;
  });

  it('stops for good when the host closes with 4401', async () => {
    const { transport, states } = makeTransport();
    latest().open();
    latest().drop(4401);
    expect(states).toEqual(['connected', 'unauthorized']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
    await expect(transport.call('system', 'info', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });

  it('asks the probe why an upgrade failed: 401 means the token was refused', async () => {
    const { states } = makeTransport(401);
    latest().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['unauthorized']);
  });

  it('keeps retrying when the probe cannot reach the host', async () => {
    const { states } = makeTransport('offline');
    latest().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual(['reconnecting']);
    await vi.advanceTimersByTimeAsync(300);
    expect(FakeSocket.all).toHaveLength(2);
  });
});
