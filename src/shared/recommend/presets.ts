// Generation presets as items For you can offer again: the model, the mode and the settings a kept
// result was generated with ("Lullabies · generate · T 0.8 · A minor · 6 notes/bar"). The item key
// carries them all, so a click can set the Generate panel up without asking the host:
//   preset:<modelId>/generate/t0.8[/k9m][/d6]     preset:<modelId>/continue/t0.8/b2
import type { HistoryPayload } from '../api/history';

export interface GenerationPreset {
  modelId: string;
  mode: 'generate' | 'continue';
  temperature: number;
  /** Generate: the key asked (tonic 0…11), and the density (notes or hits per bar). */
  key?: { tonic: number; mode: 'major' | 'minor' };
  density?: number;
  /** Continue: bars added. */
  bars?: number;
}

const tonics = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];
const round = (x: number, step: number): number => Math.round(x / step) * step;

/** The preset a kept result was made with, or null (interpolations, or settings not recorded). */
export function presetOf(modelId: string, payload: HistoryPayload): GenerationPreset | null {
  const args = payload.args ?? {};
  const t = args.temperature;
  if (typeof t !== 'number' || !(t > 0) || !/^[0-9a-f-]{36}$/i.test(modelId)) return null;
  const temperature = Number(round(t, 0.05).toFixed(2));
  if (payload.mode === 'generate') {
    const key = args.key;
    const hasKey = key !== null && typeof key === 'object' && typeof key.tonic === 'number' && (key.mode === 'major' || key.mode === 'minor');
    const density = typeof args.density === 'number' ? round(args.density, 1) : undefined;
    return { modelId, mode: 'generate', temperature, ...(hasKey ? { key: { tonic: key.tonic as number, mode: key.mode as 'major' | 'minor' } } : {}), ...(density !== undefined ? { density } : {}) };
  }
  if (payload.mode === 'continue' && typeof args.bars === 'number') return { modelId, mode: 'continue', temperature, bars: args.bars };
  return null;
}

export function presetKey(p: GenerationPreset): string {
  const parts = [p.modelId, p.mode, `t${p.temperature}`];
  if (p.key) parts.push(`k${p.key.tonic}${p.key.mode === 'major' ? 'M' : 'm'}`);
  if (p.density !== undefined) parts.push(`d${p.density}`);
  if (p.bars !== undefined) parts.push(`b${p.bars}`);
  return `preset:${parts.join('/')}`;
}

/** The preset an item key names, or null for a key that is not one. */
export function parsePresetKey(item: string): GenerationPreset | null {
  const m = /^preset:([0-9a-f-]{36})\/(generate|continue)\/t(\d+(?:\.\d+)?)((?:\/[kdb][^/]+)*)$/i.exec(item);
  if (!m) return null;
  const preset: GenerationPreset = { modelId: m[1] as string, mode: m[2] as 'generate' | 'continue', temperature: Number(m[3]) };
  for (const part of (m[4] as string).split('/').filter(Boolean)) {
    const value = part.slice(1);
    if (part[0] === 'k') {
      const k = /^(\d{1,2})([Mm])$/.exec(value);
      if (!k || Number(k[1]) > 11) return null;
      preset.key = { tonic: Number(k[1]), mode: k[2] === 'M' ? 'major' : 'minor' };
    } else if (part[0] === 'd' && Number.isFinite(Number(value))) preset.density = Number(value);
    else if (part[0] === 'b' && Number.isInteger(Number(value))) preset.bars = Number(value);
    else return null;
  }
  return preset;
}

/** "Lullabies · generate · T 0.8 · A minor · 6 per bar" */
export function presetLabel(p: GenerationPreset, modelName: string): string {
  const parts = [modelName, p.mode, `T ${p.temperature}`];
  if (p.key) parts.push(`${tonics[p.key.tonic]} ${p.key.mode}`);
  if (p.density !== undefined) parts.push(`${p.density} per bar`);
  if (p.bars !== undefined) parts.push(`${p.bars} bar${p.bars === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
