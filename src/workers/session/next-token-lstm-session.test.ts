// The next-token-lstm session's handlers, in-process on the wasm backend (the session process
// runs the same code; session-manager.int.test.ts covers the process around it).
import * as tf from '@tensorflow/tfjs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import { parseSessionArgs, parseSessionSpec, type SessionArgsInput, type SessionPartial, type SessionResult } from '../../shared/sessions/protocol';
import { selectBackend } from '../backend/select-backend';
import type { NamedVariables } from '../engine/layers/layer';
import { writeCheckpoint } from '../engine/training/checkpoint';
import { NextTokenLstm } from '../models/next-token-lstm';
import { handleRequest, loadModel } from './handlers';
import { RequestCancelledError, type LoadedModel } from './request-context';

type Model = LoadedModel<'next-token-lstm'>;
type Partial = SessionPartial<'next-token-lstm', 'sample'>;

const vocabSize = 39;
const spec = (extra: Record<string, unknown> = {}) => parseSessionSpec('next-token-lstm', { vocabSize, hiddenUnits: 16, seed: 3, ...extra });

async function sample(
  model: Model,
  args: SessionArgsInput<'next-token-lstm', 'sample'>,
  signal = new AbortController().signal,
): Promise<{ result: SessionResult<'next-token-lstm', 'sample'>; partials: Partial[] }> {
  const partials: Partial[] = [];
  const result = await handleRequest(model, 'sample', parseSessionArgs('next-token-lstm', 'sample', args), { signal, partial: (p) => partials.push(p) });
  return { result, partials };
}

let model: Model;
let folder: string;

beforeAll(async () => {
  await selectBackend({ force: 'wasm' });
  model = await loadModel('next-token-lstm', spec());
  folder = await mkdtemp(join(tmpdir(), 'montage-session-test-'));
});

afterAll(async () => {
  model.dispose();
  await rm(folder, { recursive: true, force: true });
});

describe('next-token-lstm session', () => {
  it('reports its parameter count', () => {
    expect(model.parameters).toBe(4 * (vocabSize + 16 + 1) * 16 + 16 * vocabSize + vocabSize);
  });

  it('draws count × steps tokens in the vocabulary and streams one partial per sequence', async () => {
    const { result, partials } = await sample(model, { seed: 5, steps: 12, count: 3 });
    expect(result.tokens).toBeInstanceOf(Int32Array);
    expect(result).toMatchObject({ method: 'sample', count: 3, steps: 12 });
    expect(result.tokens).toHaveLength(36);
    expect([...result.tokens].every((t) => t >= 0 && t < vocabSize)).toBe(true);
    expect(partials.map((p) => p.index)).toEqual([0, 1, 2]);
    for (const p of partials) expect(p.tokens).toEqual(result.tokens.slice(p.index * 12, (p.index + 1) * 12));
  });

  it('gives the same tokens for the same seed, other tokens for another, and sequences independent of count', async () => {
    const a = (await sample(model, { seed: 11, steps: 16, count: 2 })).result.tokens;
    const b = (await sample(model, { seed: 11, steps: 16, count: 2 })).result.tokens;
    const c = (await sample(model, { seed: 12, steps: 16, count: 2 })).result.tokens;
    const first = (await sample(model, { seed: 11, steps: 16, count: 1 })).result.tokens;
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(first).toEqual(a.slice(0, 16));
  });

  it('takes the likeliest token at temperature 0, whatever the seed', async () => {
    const a = (await sample(model, { seed: 1, steps: 10, temperature: 0 })).result.tokens;
    const b = (await sample(model, { seed: 2, steps: 10, temperature: 0 })).result.tokens;
    expect(b).toEqual(a);
  });

  it('continues a primer, and refuses primer tokens outside the vocabulary', async () => {
    const primer = Int32Array.from([2, 5, 9, 1]);
    const plain = (await sample(model, { seed: 4, steps: 8, temperature: 0 })).result.tokens;
    const primed = (await sample(model, { seed: 4, steps: 8, temperature: 0, primer })).result.tokens;
    expect(primed).toHaveLength(8);
    expect(primed).not.toEqual(plain);
    const refused = sample(model, { seed: 4, steps: 8, primer: Int32Array.from([1, 39]) });
    await expect(refused).rejects.toThrow(StudioError);
    await expect(refused).rejects.toThrow(/Primer token 39 \(at 1\) is outside this model's vocabulary of 39 tokens/);
  });

  it('keeps the tensor count constant across requests and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const own = await loadModel('next-token-lstm', spec({ seed: 8 }));
    await sample(own, { seed: 1, steps: 4 });
    const warm = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) await sample(own, { seed: i, steps: 6, count: 2, primer: Int32Array.from([3, 4]) });
    expect(tf.memory().numTensors).toBe(warm);
    own.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops between steps when cancelled, leaves no tensors behind and answers the next request', async () => {
    const abort = new AbortController();
    const before = tf.memory().numTensors;
    const partials: Partial[] = [];
    const run = handleRequest(model, 'sample', parseSessionArgs('next-token-lstm', 'sample', { seed: 1, steps: 50, count: 20 }), {
      signal: abort.signal,
      partial: (p) => {
        partials.push(p);
        if (p.index === 1) abort.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(RequestCancelledError);
    expect(partials).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
    expect((await sample(model, { seed: 1, steps: 3 })).result.tokens).toHaveLength(3);
  });

  describe('checkpoints', () => {
    /** Writes the weights of a seeded NextTokenLstm the way the engine's training loop names them. */
    async function checkpointOf(seed: number, hiddenUnits: number, directory: string): Promise<void> {
      const source = new NextTokenLstm({ vocabSize, hiddenUnits, seed });
      source.initialize();
      try {
        const { variables } = (source as unknown as { blocks: { variables: NamedVariables } }).blocks;
        const tensors = Object.fromEntries(Object.entries(variables).map(([name, v]) => [`model/${name}`, v as tf.Tensor]));
        await writeCheckpoint(directory, { step: 10, tensors, metadata: {} });
      } finally {
        source.dispose();
      }
    }

    it('loads the weights of a checkpoint instead of the seeded ones', async () => {
      const directory = join(folder, 'seed-9');
      await checkpointOf(9, 16, directory);
      const fromCheckpoint = await loadModel('next-token-lstm', spec({ seed: 1, checkpoint: directory }));
      const seeded9 = await loadModel('next-token-lstm', spec({ seed: 9 }));
      const seeded1 = await loadModel('next-token-lstm', spec({ seed: 1 }));
      try {
        const args = { seed: 3, steps: 12, count: 2 };
        const expected = (await sample(seeded9, args)).result.tokens;
        expect((await sample(fromCheckpoint, args)).result.tokens).toEqual(expected);
        expect((await sample(seeded1, args)).result.tokens).not.toEqual(expected);
      } finally {
        for (const m of [fromCheckpoint, seeded9, seeded1]) m.dispose();
      }
    });

    it('says what is wrong with a missing or mismatched checkpoint, and leaves no tensors behind', async () => {
      const before = tf.memory().numTensors;
      await expect(loadModel('next-token-lstm', spec({ checkpoint: join(folder, 'nothing-here') }))).rejects.toThrow(/There is no checkpoint \(model.json\) in/);
      const wider = join(folder, 'wider');
      await checkpointOf(9, 32, wider);
      await expect(loadModel('next-token-lstm', spec({ checkpoint: wider }))).rejects.toThrow(/has no weights of shape \[39, 64\] for "lstm\/kernel" \(it has \[39, 128\]\)/);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
