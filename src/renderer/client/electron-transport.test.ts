import { describe, expect, it } from 'vitest';
import { ElectronTransport } from './electron-transport';
import type { MontageBridge } from './montage-bridge';

function bridge(reply: MontageBridge['call']): MontageBridge & { emit: (name: string, payload: unknown) => void; listeners: number } {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  return {
    shell: 'electron',
    call: reply,
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    emit: (name, payload) => listeners.forEach((l) => l(name, payload)),
    get listeners() {
      return listeners.size;
    },
  };
}

describe('ElectronTransport', () => {
  it('unwraps ok replies and rebuilds StudioErrors', async () => {
    const t = new ElectronTransport(
      bridge(async (_s, method) =>
        method === 'list' ? { ok: true, value: [1] } : { ok: false, error: { code: 'not-found', message: 'Gone.' } },
      ),
    );
    await expect(t.call('projects', 'list', {})).resolves.toEqual([1]);
    await expect(t.call('projects', 'get', {})).rejects.toMatchObject({ name: 'StudioError', code: 'not-found', message: 'Gone.' });
  });

  it('turns a failing IPC invoke into an internal StudioError', async () => {
    const t = new ElectronTransport(
      bridge(async () => {
        throw new Error('channel closed');
      }),
    );
    await expect(t.call('projects', 'list', {})).rejects.toMatchObject({ code: 'internal', message: 'Unexpected error: channel closed' });
  });

  it('forwards events and drops its listeners on close', () => {
    const b = bridge(async () => ({ ok: true, value: null }));
    const t = new ElectronTransport(b);
    const seen: string[] = [];
    t.onEvent((name) => seen.push(name));
    b.emit('onBackendChanged', {});
    t.close();
    b.emit('onBackendChanged', {});
    expect(seen).toEqual(['onBackendChanged']);
    expect(b.listeners).toBe(0);
    expect(t.connection).toBe('connected');
  });
});
