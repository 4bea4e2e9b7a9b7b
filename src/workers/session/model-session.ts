// Entry of a model session process (dist/workers/model-session.js), forked by the host's
// SessionManager (src/main/sessions) with `serialization: 'advanced'`, so typed arrays cross the
// channel as binary. Speaks src/shared/sessions/protocol.ts.
//
// Lifecycle: select the ML backend (as the ML worker does) → 'ready'; 'load' builds the model once
// → 'loaded'; then any number of 'request's, run one at a time in arrival order, each answered by
// partials and one 'result' or 'error' (code 'cancelled' after a 'cancel'), followed by 'stats'
// (tf.memory()). 'unload' disposes the model and exits 0; so does losing the host. A backend or
// load failure is answered by an 'error' with id null and exit 1; an unexpected exception fails
// the running request and exits 1 (the host restarts the session).
import * as tf from '@tensorflow/tfjs';
import { StudioError, type SerializedStudioError } from '../../shared/api/errors';
import type { BackendReport } from '../../shared/api/system';
import {
  parseHostToSession,
  parseSessionArgs,
  parseSessionSpec,
  sessionTitle,
  type SessionKind,
  type SessionMemory,
  type SessionMethod,
  type SessionToHost,
} from '../../shared/sessions/protocol';
import { backendOverrideEnv, backendOverrideFromEnv, BackendUnavailableError, selectBackend } from '../backend/select-backend';
import { handleRequest, loadModel } from './handlers';
import { RequestCancelledError, type LoadedModel } from './request-context';

/** Resolves once the message is handed to the channel, so exiting afterwards does not drop it. */
function send(message: SessionToHost): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send || !process.connected) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function exitAfter(message: SessionToHost | null, code: number): Promise<never> {
  if (message) await send(message);
  process.exit(code);
}

function memory(): SessionMemory {
  const m = tf.memory();
  return { tensors: m.numTensors, bytes: m.numBytes, rss: process.memoryUsage.rss() };
}

let kind: SessionKind | null = null;

function toSerializedError(err: unknown): SerializedStudioError {
  if (err instanceof RequestCancelledError) return new StudioError('cancelled', 'Cancelled.').toJSON();
  if (err instanceof StudioError) return err.toJSON();
  if (err instanceof BackendUnavailableError) return new StudioError('unavailable', err.message).toJSON();
  const detail = err instanceof Error ? err.message : String(err);
  const what = kind ? `The ${sessionTitle(kind)} model` : 'The model session';
  return new StudioError('internal', `${what} failed unexpectedly: ${detail}`).toJSON();
}

if (!process.send) {
  console.error('montage model-session: start this file with child_process.fork (it talks over the IPC channel).');
  process.exit(2);
}

// As in the ML worker: no tfjs console advice in the host's log, no debug-only checks.
tf.enableProdMode();

const backendReady: Promise<BackendReport> = (async () => {
  const backend = await selectBackend({ force: backendOverrideFromEnv(), forcedBy: backendOverrideEnv });
  await send({ type: 'ready', backend, memory: memory() });
  return backend;
})();
// Reported when the model is loaded (or at the first request without one), not here.
backendReady.catch(() => {});

let model: LoadedModel<SessionKind> | null = null;
let loading: Promise<LoadedModel<SessionKind>> | null = null;

async function load(k: SessionKind, rawSpec: unknown): Promise<LoadedModel<SessionKind>> {
  const started = performance.now();
  const spec = parseSessionSpec(k, rawSpec);
  await backendReady;
  const loaded = await loadModel(k, spec);
  model = loaded as LoadedModel<SessionKind>;
  await send({ type: 'loaded', kind: k, parameters: loaded.parameters, loadMs: Math.round(performance.now() - started), memory: memory() });
  return model;
}

interface Queued {
  id: string;
  method: string;
  args: unknown;
  abort: AbortController;
}

const queue: Queued[] = [];
let current: Queued | null = null;
let unloading = false;

async function execute(request: Queued): Promise<void> {
  try {
    if (!loading || !kind) throw new StudioError('conflict', 'No model is loaded in this session; send load first.');
    const loaded = await loading;
    const method = request.method as SessionMethod<SessionKind>;
    const args = parseSessionArgs(kind, method, request.args);
    if (request.abort.signal.aborted) throw new RequestCancelledError();
    const result = await handleRequest(loaded, method, args, {
      signal: request.abort.signal,
      partial: (payload) => {
        if (!request.abort.signal.aborted) void send({ type: 'partial', id: request.id, payload });
      },
    });
    await send({ type: 'result', id: request.id, payload: result });
  } catch (err) {
    await send({ type: 'error', id: request.id, error: toSerializedError(err) });
  }
  await send({ type: 'stats', ...memory() });
}

async function pump(): Promise<void> {
  if (current || unloading) return;
  const next = queue.shift();
  if (!next) return;
  current = next;
  try {
    await execute(next);
  } finally {
    current = null;
  }
  void pump();
}

function startLoading(k: SessionKind, spec: unknown): void {
  kind = k;
  loading = load(k, spec);
  // A model that cannot load leaves nothing to serve: say why and exit (the host fails the
  // requests waiting for it and starts afresh on the next one).
  loading.catch((err: unknown) => {
    console.error(`montage model-session: ${err instanceof Error ? err.message : String(err)}`);
    void exitAfter({ type: 'error', id: null, error: toSerializedError(err) }, 1);
  });
}

async function unload(): Promise<void> {
  unloading = true;
  current?.abort.abort();
  try {
    model?.dispose();
  } finally {
    await exitAfter(null, 0);
  }
}

process.on('message', (raw: unknown) => {
  const parsed = parseHostToSession(raw);
  if (!parsed.ok) {
    console.error(`montage model-session: ignored a malformed message (${parsed.why}).`);
    const id = (raw as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id.length > 0 && id.length <= 64) {
      void send({ type: 'error', id, error: new StudioError('invalid-argument', `Malformed request: ${parsed.why}`).toJSON() });
    }
    return;
  }
  const message = parsed.value;
  switch (message.type) {
    case 'load':
      if (loading) {
        void send({ type: 'error', id: null, error: new StudioError('conflict', 'This session has already loaded a model; start another session for another one.').toJSON() });
        return;
      }
      startLoading(message.kind, message.spec);
      return;
    case 'request':
      if (unloading) return;
      queue.push({ id: message.id, method: message.method, args: message.args, abort: new AbortController() });
      void pump();
      return;
    case 'cancel': {
      if (current?.id === message.id) {
        current.abort.abort();
        return;
      }
      const at = queue.findIndex((q) => q.id === message.id);
      if (at >= 0) {
        const [q] = queue.splice(at, 1);
        if (q) void send({ type: 'error', id: q.id, error: toSerializedError(new RequestCancelledError()) });
      }
      return;
    }
    case 'unload':
      void unload();
      return;
  }
});

// The host died or closed the channel: nobody is left to answer.
process.on('disconnect', () => process.exit(0));

const crash = (err: unknown): void => {
  console.error(`montage model-session: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  void exitAfter(current ? { type: 'error', id: current.id, error: toSerializedError(err) } : null, 1);
};
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);
