import { describe, expect, it } from 'vitest';
import { StudioError } from '../api/errors';
import {
  parseHostToSession,
  parseSessionArgs,
  parseSessionPayload,
  parseSessionSpec,
  parseSessionToHost,
  sessionKey,
  type SessionCall,
  type SessionResultPayload,
} from './protocol';

const backend = { name: 'wasm', skipped: [], detail: 'SIMD, 1 thread', tfjsVersion: '4.22.0' };

describe('session protocol', () => {
  it('accepts every well-formed message in both directions', () => {
    for (const m of [
      { type: 'load', kind: 'next-token-lstm', spec: { vocabSize: 39, hiddenUnits: 16 } },
      { type: 'request', id: 'r1', method: 'sample', args: { seed: 1, steps: 4 } },
      { type: 'cancel', id: 'r1' },
      { type: 'unload' },
    ]) {
      expect(parseHostToSession(m)).toEqual({ ok: true, value: m });
    }
    for (const m of [
      { type: 'ready', backend, memory: { tensors: 0, bytes: 0, rss: 0 } },
      { type: 'loaded', kind: 'next-token-lstm', parameters: 100, loadMs: 12, memory: { tensors: 6, bytes: 400, rss: 9000 } },
      { type: 'partial', id: 'r1', payload: { method: 'sample', index: 0, tokens: new Int32Array(4) } },
      { type: 'result', id: 'r1', payload: { method: 'sample', tokens: new Int32Array(4), count: 1, steps: 4 } },
      { type: 'error', id: 'r1', error: { code: 'cancelled', message: 'Cancelled.' } },
      { type: 'error', id: null, error: { code: 'not-found', message: 'No checkpoint.' } },
      { type: 'stats', tensors: 6, bytes: 400, rss: 9000 },
    ]) {
      expect(parseSessionToHost(m)).toEqual({ ok: true, value: m });
    }
  });

  it('refuses malformed messages with a reason', () => {
    for (const m of [null, 'load', {}, { type: 'start' }, { type: 'load', kind: 'gpt-9', spec: {} }, { type: 'request', id: '', method: 'sample', args: {} }, { type: 'unload', extra: 1 }]) {
      const r = parseHostToSession(m);
      expect(r.ok).toBe(false);
    }
    for (const m of [{ type: 'stats', tensors: -1, bytes: 0, rss: 0 }, { type: 'error', id: 'r1', error: { code: 'oops', message: 'x' } }, { type: 'ready', backend: {}, memory: {} }]) {
      const r = parseSessionToHost(m);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.why.length).toBeGreaterThan(0);
    }
  });

  it('checks a spec and fills in its defaults', () => {
    expect(parseSessionSpec('next-token-lstm', { vocabSize: 39, hiddenUnits: 16 })).toEqual({ vocabSize: 39, hiddenUnits: 16, seed: 0 });
    expect(() => parseSessionSpec('next-token-lstm', { vocabSize: 1, hiddenUnits: 16 })).toThrow(/Invalid next-token LSTM model spec vocabSize/);
    expect(() => parseSessionSpec('nope' as 'next-token-lstm', {})).toThrow(/no model session of kind "nope"/);
  });

  it('checks request arguments: defaults, field issues, unknown methods, typed arrays only', () => {
    expect(parseSessionArgs('next-token-lstm', 'sample', { seed: 1, steps: 4 })).toEqual({ seed: 1, steps: 4, temperature: 1, count: 1 });
    try {
      parseSessionArgs('next-token-lstm', 'sample', { seed: 1, steps: 0 });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(StudioError);
      expect((err as StudioError).code).toBe('invalid-argument');
      expect((err as StudioError).issues?.[0]?.path).toBe('steps');
    }
    // Tokens travel as Int32Array (binary over the advanced channel), never as JSON number lists.
    expect(() => parseSessionArgs('next-token-lstm', 'sample', { seed: 1, steps: 4, primer: [1, 2] })).toThrow(/Expected an Int32Array/);
    expect(() => parseSessionArgs('next-token-lstm', 'encode' as 'sample', {})).toThrow(/has no method "encode" \(it has sample\)/);
    expect(() => parseSessionArgs('next-token-lstm', 'toString' as 'sample', {})).toThrow(/has no method "toString"/);
  });

  it('checks partial and result payloads against the method', () => {
    const good = parseSessionPayload('next-token-lstm', 'sample', 'result', { method: 'sample', tokens: new Int32Array(2), count: 1, steps: 2 });
    expect(good.ok).toBe(true);
    const asList = parseSessionPayload('next-token-lstm', 'sample', 'partial', { method: 'sample', index: 0, tokens: [1, 2] });
    expect(asList.ok).toBe(false);
    const wrongMethod = parseSessionPayload('next-token-lstm', 'decode' as 'sample', 'result', {});
    expect(wrongMethod).toEqual({ ok: false, why: expect.stringMatching(/no method "decode"/) });
  });

  it('keys equal specs equally, whatever their key order', () => {
    expect(sessionKey('next-token-lstm', { vocabSize: 39, hiddenUnits: 16, seed: 0 })).toBe(sessionKey('next-token-lstm', { seed: 0, hiddenUnits: 16, vocabSize: 39, checkpoint: undefined }));
    expect(sessionKey('next-token-lstm', { vocabSize: 39, hiddenUnits: 16, seed: 0 })).not.toBe(sessionKey('next-token-lstm', { vocabSize: 39, hiddenUnits: 16, seed: 1 }));
  });

  it('types calls and results as unions discriminated by method', () => {
    const call: SessionCall = { method: 'sample', args: { seed: 1, steps: 2, temperature: 1, count: 1 } };
    const result: SessionResultPayload = { method: 'sample', tokens: new Int32Array(2), count: 1, steps: 2 };
    expect(call.method).toBe(result.method);
  });
});
