// The recommendation thread (dist/workers/recommend-thread.js): For you's evaluation, fitting and
// ranking run here, off the host's event loop, which they held for up to 1.3 s at a time at
// 200,000 events (services/recommend-service.ts starts it through recommend-thread-client.ts and
// keeps it for as long as the host runs). It keeps the history the host sent, so a request
// carries only the new events. Requests run one after another, each on the events sent before
// it; a failed request is answered with its message, and a batch that cannot be read ends the
// thread (the host then starts a new one and sends everything again).
import { parentPort } from 'node:worker_threads';
import { EventBatchDecoder } from '../../shared/recommend/event-batch';
import type { LocalEvent } from '../../shared/recommend/local-history';
import { evaluateLocal, rankLocal } from '../../shared/recommend/local-ranking';
import type { RecommendReply, RecommendRequest, RecommendResult } from './recommend-protocol';

let decoder = new EventBatchDecoder();
/** The newest events, oldest first; replaced, never changed in place (a running request keeps its own). */
let events: readonly LocalEvent[] = [];
let queue: Promise<void> = Promise.resolve();

async function answer(request: Exclude<RecommendRequest, { type: 'events' }>, history: readonly LocalEvent[]): Promise<RecommendResult> {
  if (request.type === 'evaluate') return { type: 'evaluate', evaluation: await evaluateLocal(history, request.seed) };
  const evaluation = request.evaluateSeed === null ? null : await evaluateLocal(history, request.evaluateSeed);
  const model = evaluation?.chosen ?? request.query.model;
  return { type: 'rank', items: await rankLocal(history, { ...request.query, model }), model, evaluation };
}

parentPort?.on('message', (request: RecommendRequest) => {
  if (request.type === 'events') {
    // Thrown here, an error ends the thread: its history would no longer be the host's.
    if (request.reset) {
      decoder = new EventBatchDecoder();
      events = [];
    }
    const all = events.concat(decoder.decode(request.batch));
    events = all.length > request.maxEvents ? all.slice(all.length - request.maxEvents) : all;
    return;
  }
  const history = events;
  queue = queue.then(async () => {
    let reply: RecommendReply;
    try {
      reply = { id: request.id, ok: true, result: await answer(request, history) };
    } catch (err) {
      reply = { id: request.id, ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  });
});
