// The host owns a SessionManager: nothing starts with the host, and shutting the host down closes
// it (every session process killed, every waiting request failed), so no model process outlives
// Montage.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHost, type Host } from './host';
import { SessionManager } from './sessions';
import { tempHome } from './test/temp-home';

describe('host and model sessions', () => {
  let home: ReturnType<typeof tempHome>;
  let host: Host | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    host?.close();
    home?.remove();
  });

  it('starts no session with the host and closes the SessionManager on shutdown', async () => {
    home = tempHome();
    const close = vi.spyOn(SessionManager.prototype, 'close');
    host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null, sessionWorkerEntry: join(home.dir, 'no-such-session.js') });
    expect(host.sessions).toBeInstanceOf(SessionManager);
    expect(host.sessions.list()).toEqual([]);
    expect(close).not.toHaveBeenCalled();
    host.close();
    expect(close).toHaveBeenCalledTimes(1);
    // Closed for good: nothing can start a model process any more.
    await expect(host.sessions.open('next-token-lstm', { vocabSize: 8, hiddenUnits: 4 })).rejects.toMatchObject({ code: 'unavailable', message: expect.stringMatching(/shutting down/) });
    host.close();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('resolves checkpoints inside the data folder’s models/', async () => {
    home = tempHome();
    host = createHost({ dataDir: join(home.dir, 'data'), shell: 'cli', probe: false, shippedModelsDir: null });
    await expect(host.sessions.open('next-token-lstm', { vocabSize: 8, hiddenUnits: 4, checkpoint: '../../elsewhere' })).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(host.sessions.list()).toEqual([]);
  });
});
