import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { BackendCandidate } from './backend-candidates';
import { backendOverrideFromEnv, BackendUnavailableError, isInstalled as installed, selectBackend } from './select-backend';

// This machine has neither native package; where one is installed the wasm expectations do not hold.
const nativeInstalled = installed('@tensorflow/tfjs-node-gpu') || installed('@tensorflow/tfjs-node');

const fake = (over: Partial<BackendCandidate> & Pick<BackendCandidate, 'name'>): BackendCandidate => ({
  tfjsBackend: 'cpu',
  packageName: null,
  load: () => Promise.resolve(),
  describe: () => Promise.resolve('fake'),
  ...over,
});

describe('selectBackend', () => {
  it.skipIf(nativeInstalled)('picks wasm with SIMD and says why the native backends were skipped', async () => {
    const report = await selectBackend();
    expect(report.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(report.skipped).toHaveLength(3);
    expect(report.skipped[0]).toBe('tensorflow-gpu: @tensorflow/tfjs-node-gpu is not installed');
    // Without a GPU (as on CI) WebGPU is skipped whether or not its optional packages are installed.
    expect(report.skipped[1]).toMatch(
      /^webgpu: (@tensorflow\/tfjs-backend-webgpu is not installed|webgpu \(Dawn for Node\) is not installed|no Vulkan loader \(libvulkan\.so\.1\) is installed, so Dawn can reach no GPU|no WebGPU adapter: Dawn found no GPU .*|only a software WebGPU adapter, slower than wasm)$/,
    );
    expect(report.skipped[2]).toBe('tensorflow: @tensorflow/tfjs-node is not installed');
    expect(report.detail).toMatch(/^SIMD (on|off), \d+ threads?$/);
    expect(report.tfjsVersion).toBe(tf.version.tfjs);
  });

  it('runs on the pure-JS cpu backend when forced', async () => {
    const report = await selectBackend({ force: 'cpu' });
    expect(report).toMatchObject({ name: 'cpu', skipped: [] });
    expect(tf.getBackend()).toBe('cpu');
    expect(Array.from(tf.tidy(() => tf.mul(tf.tensor1d([2, 3]), 2).dataSync()))).toEqual([4, 6]);
  });

  it.skipIf(nativeInstalled)('fails with a clear error when a missing backend is forced', async () => {
    const attempt = selectBackend({ force: 'tensorflow-gpu', forcedBy: 'MONTAGE_ML_BACKEND' });
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      /"tensorflow-gpu" ML backend was requested by MONTAGE_ML_BACKEND but cannot run: @tensorflow\/tfjs-node-gpu is not installed/,
    );
  });

  it('skips candidates that are missing, fail to load or register nothing, with the reason for each', async () => {
    const report = await selectBackend({
      candidates: [
        fake({ name: 'tensorflow-gpu', packageName: 'montage-package-that-does-not-exist' }),
        fake({ name: 'tensorflow', load: () => Promise.reject(new Error('libtensorflow.so: cannot open shared object file\nmore')) }),
        fake({ name: 'wasm', tfjsBackend: 'no-such-tfjs-backend' }),
        fake({ name: 'cpu', describe: () => Promise.resolve('the fallback') }),
      ],
    });
    expect(report.name).toBe('cpu');
    expect(report.detail).toBe('the fallback');
    expect(report.skipped).toEqual([
      'tensorflow-gpu: montage-package-that-does-not-exist is not installed',
      'tensorflow: tensorflow failed to load (libtensorflow.so: cannot open shared object file)',
      'wasm: wasm loaded but registered no "no-such-tfjs-backend" backend with this copy of tfjs (are its versions mismatched?)',
    ]);
  });

  it('skips a candidate whose probe says it cannot run here, with that reason', async () => {
    let loaded = false;
    const report = await selectBackend({
      candidates: [
        fake({ name: 'tensorflow-gpu', unavailable: () => Promise.resolve('no WebGPU adapter: none here'), load: async () => void (loaded = true) }),
        fake({ name: 'cpu', unavailable: () => Promise.resolve(null) }),
      ],
    });
    expect(report.name).toBe('cpu');
    expect(report.skipped).toEqual(['tensorflow-gpu: no WebGPU adapter: none here']);
    expect(loaded).toBe(false);
  });

  it('stops at the first candidate that works', async () => {
    let loadedLater = false;
    const report = await selectBackend({
      candidates: [fake({ name: 'cpu' }), fake({ name: 'wasm', load: async () => void (loadedLater = true) })],
    });
    expect(report.name).toBe('cpu');
    expect(loadedLater).toBe(false);
  });

  it('says so when no backend can start', async () => {
    const attempt = selectBackend({ candidates: [fake({ name: 'cpu', tfjsBackend: 'missing' })] });
    await expect(attempt).rejects.toThrow(/^No ML backend could start\. cpu: cpu loaded but registered no "missing" backend/);
  });
});

describe('backendOverrideFromEnv', () => {
  it('reads MONTAGE_ML_BACKEND, treating unset, empty and "auto" as no override', () => {
    expect(backendOverrideFromEnv({})).toBeUndefined();
    expect(backendOverrideFromEnv({ MONTAGE_ML_BACKEND: '' })).toBeUndefined();
    expect(backendOverrideFromEnv({ MONTAGE_ML_BACKEND: 'auto' })).toBeUndefined();
    expect(backendOverrideFromEnv({ MONTAGE_ML_BACKEND: ' cpu ' })).toBe('cpu');
    expect(backendOverrideFromEnv({ MONTAGE_ML_BACKEND: 'tensorflow-gpu' })).toBe('tensorflow-gpu');
  });

  it('rejects an unknown backend name, naming the variable and the choices', () => {
    expect(() => backendOverrideFromEnv({ MONTAGE_ML_BACKEND: 'gpu' })).toThrow(
      'MONTAGE_ML_BACKEND is "gpu", which is not an ML backend. Use one of tensorflow-gpu, webgpu, tensorflow, wasm, cpu',
    );
  });
});
