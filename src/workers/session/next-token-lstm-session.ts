// The "next-token-lstm" session: the one-layer LSTM of src/workers/models/next-token-lstm.ts,
// built once (seeded weights, or a checkpoint's) and sampled token by token.
//
// `sample` draws `count` sequences of `steps` tokens, one sequence after another, and streams each
// as a partial when it is finished. Sequence i draws from its own generator seeded by (seed, i),
// so a sequence does not depend on how many were asked for, and the same arguments give the same
// tokens on one backend. Cancellation is checked before every step.
import * as tf from '@tensorflow/tfjs';
import { StudioError } from '../../shared/api/errors';
import { createRng, type Rng } from '../../shared/random';
import type { SessionArgs, SessionPartial, SessionResult, SessionSpec } from '../../shared/sessions/protocol';
import type { Dense } from '../engine/layers/dense';
import type { NamedVariables } from '../engine/layers/layer';
import type { Lstm, LstmState } from '../engine/layers/lstm';
import { readCheckpoint } from '../engine/training/checkpoint';
import { NextTokenLstm } from '../models/next-token-lstm';
import { checkpoint, type LoadedModel, type RequestContext } from './request-context';

type Spec = SessionSpec<'next-token-lstm'>;
type SampleArgs = SessionArgs<'next-token-lstm', 'sample'>;
type SampleResult = SessionResult<'next-token-lstm', 'sample'>;
type SamplePartial = SessionPartial<'next-token-lstm', 'sample'>;

interface Blocks {
  lstm: Lstm;
  output: Dense;
  variables: NamedVariables;
}

/**
 * The model's engine blocks. NextTokenLstm keeps them private (it was written for training);
 * sampling needs one LSTM step at a time and loading needs the variables by name, so they are
 * read here and checked, with an error that says where to look if the model's insides change.
 */
function blocksOf(model: NextTokenLstm): Blocks {
  const blocks = (model as unknown as { blocks?: Partial<Blocks> | null }).blocks;
  if (!blocks || typeof blocks.lstm?.step !== 'function' || typeof blocks.output?.apply !== 'function' || typeof blocks.variables !== 'object') {
    throw new Error('NextTokenLstm changed its internal layout; update src/workers/session/next-token-lstm-session.ts.');
  }
  return blocks as Blocks;
}

/**
 * Assigns a checkpoint's weights (named `model/<variable>`, as the engine's training loop saves
 * them) to the model's variables.
 */
async function restoreWeights(directory: string, variables: NamedVariables): Promise<void> {
  let contents: Awaited<ReturnType<typeof readCheckpoint>>;
  try {
    contents = await readCheckpoint(directory);
  } catch (err) {
    throw new StudioError('unavailable', `The checkpoint in ${directory} cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!contents) throw new StudioError('not-found', `There is no checkpoint (model.json) in ${directory}.`);
  try {
    for (const [name, variable] of Object.entries(variables)) {
      const t = contents.tensors[`model/${name}`];
      if (!t || !tf.util.arraysEqual(t.shape, variable.shape)) {
        const found = t ? ` (it has [${t.shape.join(', ')}])` : '';
        throw new StudioError('invalid-argument', `The checkpoint in ${directory} has no weights of shape [${variable.shape.join(', ')}] for "${name}"${found}; was it trained with another vocabulary size or hidden size?`);
      }
      variable.assign(t);
    }
  } finally {
    tf.dispose(Object.values(contents.tensors));
  }
}

/** Index drawn from unnormalised probabilities. */
function draw(p: Float32Array | Int32Array | Uint8Array, rng: Rng): number {
  let total = 0;
  for (let i = 0; i < p.length; i++) total += p[i] as number;
  let r = rng.next() * total;
  for (let i = 0; i < p.length; i++) {
    r -= p[i] as number;
    if (r < 0) return i;
  }
  return p.length - 1;
}

function argmax(p: Float32Array | Int32Array | Uint8Array): number {
  let best = 0;
  for (let i = 1; i < p.length; i++) if ((p[i] as number) > (p[best] as number)) best = i;
  return best;
}

/** A distinct, repeatable generator seed for sequence `index` of a request seeded `seed`. */
export function sequenceSeed(seed: number, index: number): number {
  return (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

class NextTokenLstmSampler {
  private readonly vocabSize: number;

  constructor(private readonly blocks: Blocks, vocabSize: number) {
    this.vocabSize = vocabSize;
  }

  /** [1, vocab] one-hot row of a token, or zeros for none (the start of a sequence). */
  private input(token: number | null): tf.Tensor2D {
    const row = new Float32Array(this.vocabSize);
    if (token !== null) row[token] = 1;
    return tf.tensor2d(row, [1, this.vocabSize]);
  }

  /** Feeds one token; the old state is disposed and the new one returned. */
  private feed(token: number | null, state: LstmState): LstmState {
    const next = tf.tidy(() => {
      const { h, c } = this.blocks.lstm.step(this.input(token), state);
      return { h, c };
    });
    tf.dispose([state.h, state.c]);
    return next;
  }

  async sample(args: SampleArgs, context: RequestContext<SamplePartial>): Promise<SampleResult> {
    const { steps, count, temperature } = args;
    const primer = args.primer ?? new Int32Array(0);
    const bad = primer.findIndex((t) => t < 0 || t >= this.vocabSize);
    if (bad >= 0) throw new StudioError('invalid-argument', `Primer token ${primer[bad]} (at ${bad}) is outside this model's vocabulary of ${this.vocabSize} tokens.`);
    const tokens = new Int32Array(count * steps);
    for (let index = 0; index < count; index++) {
      const rng = createRng(sequenceSeed(args.seed, index));
      let state = this.blocks.lstm.zeroState(1);
      try {
        // The state after the primer (or after a zero input) predicts the first drawn token.
        for (const token of primer.length > 0 ? primer : [null]) {
          await checkpoint(context.signal);
          state = this.feed(token, state);
        }
        for (let t = 0; t < steps; t++) {
          await checkpoint(context.signal);
          const h = state.h;
          const scores = tf.tidy(() => {
            const logits = this.blocks.output.apply(h);
            return temperature > 0 ? tf.softmax(tf.div(logits, temperature)) : logits;
          });
          const values = scores.dataSync();
          scores.dispose();
          const token = temperature > 0 ? draw(values, rng) : argmax(values);
          tokens[index * steps + t] = token;
          if (t < steps - 1) state = this.feed(token, state);
        }
      } finally {
        tf.dispose([state.h, state.c]);
      }
      context.partial({ method: 'sample', index, tokens: tokens.slice(index * steps, (index + 1) * steps) });
    }
    return { method: 'sample', tokens, count, steps };
  }
}

export async function loadNextTokenLstmSession(spec: Spec): Promise<LoadedModel<'next-token-lstm'>> {
  const model = new NextTokenLstm({ vocabSize: spec.vocabSize, hiddenUnits: spec.hiddenUnits, seed: spec.seed });
  try {
    model.initialize();
    const blocks = blocksOf(model);
    if (spec.checkpoint) await restoreWeights(spec.checkpoint, blocks.variables);
    const sampler = new NextTokenLstmSampler(blocks, spec.vocabSize);
    // The first runs of the sampling path are slow (tfjs kernels set up, V8 and wasm code not yet
    // optimised): 128 steps here move part of that from the user's first click to the load.
    // Measured (8 × 32 tokens, 128 units, two busy cores): first request 151/330 ms (min/median)
    // after a 32-step warm-up, 85/166 ms after this one; warm requests 28/41 ms.
    await sampler.sample({ seed: 0, steps: 32, count: 4, temperature: 1 }, { signal: new AbortController().signal, partial: () => {} });
    return {
      parameters: model.parameterCount,
      methods: { sample: (args, context) => sampler.sample(args, context) },
      dispose: () => model.dispose(),
    };
  } catch (err) {
    model.dispose();
    throw err;
  }
}
