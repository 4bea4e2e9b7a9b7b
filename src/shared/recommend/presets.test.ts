import { describe, expect, it } from 'vitest';
import { parsePresetKey, presetKey, presetLabel, presetOf } from './presets';

const model = '00000000-0000-4000-8000-0000000000aa';

describe('generation presets as items', () => {
  it('names the settings a kept result was made with, and reads them back from the key', () => {
    const p = presetOf(model, { mode: 'generate', args: { count: 4, temperature: 0.83, key: { tonic: 9, mode: 'minor' }, density: 6.2 } });
    expect(p).toEqual({ modelId: model, mode: 'generate', temperature: 0.85, key: { tonic: 9, mode: 'minor' }, density: 6 });
    expect(presetKey(p!)).toBe(`preset:${model}/generate/t0.85/k9m/d6`);
    expect(parsePresetKey(presetKey(p!))).toEqual(p);
    expect(presetLabel(p!, 'Lullabies')).toBe('Lullabies · generate · T 0.85 · A minor · 6 per bar');
    const c = presetOf(model, { mode: 'continue', args: { temperature: 1, bars: 2 } });
    expect(presetKey(c!)).toBe(`preset:${model}/continue/t1/b2`);
    expect(parsePresetKey(presetKey(c!))).toEqual(c);
    expect(presetLabel(c!, 'Lullabies')).toBe('Lullabies · continue · T 1 · 2 bars');
  });

  it('has none for interpolations, missing temperatures or odd keys', () => {
    expect(presetOf(model, { mode: 'interpolate', args: { temperature: 1, steps: 3 } })).toBeNull();
    expect(presetOf(model, { mode: 'generate', args: { count: 4 } })).toBeNull();
    expect(presetOf('not-a-model', { mode: 'generate', args: { temperature: 1 } })).toBeNull();
    expect(parsePresetKey(`preset:${model}/generate/t1/k12m`)).toBeNull();
    expect(parsePresetKey(`preset:${model}/generate/t1/x3`)).toBeNull();
    expect(parsePresetKey('song:abc')).toBeNull();
  });
});
