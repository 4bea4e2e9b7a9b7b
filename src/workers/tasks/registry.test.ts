import { beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import { workerTaskKinds } from '../../shared/jobs/protocol';
import { selectBackend } from '../backend/select-backend';
import { findTask, taskRegistry } from './registry';
import { quietTaskContext } from './task-context';

describe('task registry', () => {
  beforeAll(async () => {
    await selectBackend({ force: 'wasm' });
  });

  it('has one entry per shared job kind, each under its own name', () => {
    expect(Object.keys(taskRegistry).sort()).toEqual([...workerTaskKinds].sort());
    for (const kind of workerTaskKinds) expect(taskRegistry[kind].kind).toBe(kind);
    expect(findTask('benchmark')).toBe(taskRegistry.benchmark);
    expect(findTask('train-music')).toBe(taskRegistry['train-music']);
    expect(findTask('probe')).toBeUndefined();
    expect(findTask('toString')).toBeUndefined();
  });

  it('parses a config with the shared schema (defaults filled) and refuses a bad one with a sentence', () => {
    const benchmark = taskRegistry.benchmark;
    expect(benchmark.parse({ steps: 3 })).toEqual({ steps: 3, batchSize: 32, sequenceLength: 32, hiddenUnits: 128, seed: 7 });
    expect(benchmark.forcedBackend?.(benchmark.parse({ backend: 'cpu' }))).toBe('cpu');
    let refusal: unknown;
    try {
      benchmark.parse({ steps: 1, hiddenUnits: 'many' });
    } catch (err) {
      refusal = err;
    }
    expect(refusal).toBeInstanceOf(StudioError);
    expect(refusal).toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(/^The benchmark job's settings are not valid \(steps\): /) });
    expect((refusal as StudioError).issues?.map((i) => i.path)).toEqual(['steps', 'hiddenUnits']);
  });

  it('parses a train-music config: defaults filled, typed arrays kept, examples required once', () => {
    const music = taskRegistry['train-music'];
    const examples = new Int32Array(64);
    const config = music.parse({ configName: 'drums-2bar', examples, outDir: '/tmp/m' });
    expect(config).toMatchObject({ configName: 'drums-2bar', steps: 2000, batchSize: 64, seed: 7, evalEvery: 50, patience: 5, heldOutFraction: 0.1, outDir: '/tmp/m' });
    expect(config.examples).toBe(examples);
    expect(music.forcedBackend?.(music.parse({ configName: 'melody-2bar', corpusPath: '/c.bin', outDir: '/tmp/m', backend: 'cpu' }))).toBe('cpu');
    expect(() => music.parse({ configName: 'melody-2bar', outDir: '/tmp/m' })).toThrow(/^The train-music job's settings are not valid \(examples\): Give the examples either inline/);
    expect(() => music.parse({ configName: 'melody-16bar', examples, outDir: '/tmp/m' })).toThrow(/\(configName\)/);
    expect(() => music.parse({ configName: 'melody-2bar', examples, outDir: '/tmp/m', model: { latentSize: 0 } })).toThrow(/\(model\.latentSize\)/);
  });

  it('runs a kind in-process to its typed result', async () => {
    const benchmark = taskRegistry.benchmark;
    const config = benchmark.parse({ steps: 2, batchSize: 4, sequenceLength: 4, hiddenUnits: 8, seed: 1 });
    const result = await benchmark.run(config, quietTaskContext(), { backendName: 'wasm' });
    expect(result.task).toBe('benchmark');
    expect(result.backend).toBe('wasm');
    expect(result.loss).toHaveLength(2);
  });
});
