// `montage generate --model NAME|ID [--n 8] [--temperature T] [--seed S] [--key C:major]
// [--density D] --out DIR [--force] [--json]`: variations from a registered music model, through
// the running host's API (or a host of its own: host-session.ts), one MIDI file per variation in
// DIR (created): variation-01.mid, variation-02.mid …, each a one-track song at PPQ 480 and 120 BPM
// (drums on channel 10; with a major or minor key, its key signature). Existing files are never
// replaced unless --force; every name is checked before anything is written.
// Prints a table (file, notes, in-scale rate, density) or, with --json, one object
// {model: {id, name}, kind, seed, files: [{path, notes, bars, density, inScaleRate?, transposition?}], ms}.
// Exit codes: 0 ok, 1 failed (no such model, a model that cannot load, a file in the way), 2 bad usage.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { maxVariations, StudioError, type GenerationKey, type GenerationResult, type ModelInfo } from '../shared/api';
import { emptySequence, pitchClassNames, sequenceToMidi, type NoteSequence } from '../shared/music';
import { scaleModes, type ScaleMode } from '../shared/music/scales';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, fail, openStudioSession, type StudioSession } from './host-session';
import { InputRefusal } from './song-files';
import { findModels } from './models-command';

export interface GenerateFlags {
  model?: string;
  n?: string;
  temperature?: string;
  seed?: string;
  key?: string;
  density?: string;
  out?: string;
  force?: boolean;
  json?: boolean;
  dataDir?: string;
}

export const generateUsage =
  'usage: montage generate --model NAME|ID [--n 8] [--temperature T] [--seed S] [--key C:major] [--density D] --out DIR [--force] [--json]';

class UsageError extends Error {}

const flats: Record<string, string> = { DB: 'C#', EB: 'D#', FB: 'E', GB: 'F#', AB: 'G#', BB: 'A#', CB: 'B', 'E#': 'F', 'B#': 'C' };

/** "C:major", "F#:minor", "Bb:dorian", "a" (major by default) → {tonic, mode}. */
export function parseKey(text: string): GenerationKey {
  const [rawTonic = '', rawMode = 'major', ...rest] = text.trim().split(':');
  const name = rawTonic.trim().toUpperCase();
  const tonic = (pitchClassNames as readonly string[]).indexOf(flats[name] ?? name);
  const wanted = rawMode.trim().toLowerCase().replace(/[-_ ]/g, '');
  const mode = scaleModes.find((m) => m.toLowerCase() === wanted);
  if (tonic < 0 || !mode || rest.length > 0) {
    throw new UsageError(`--key must be TONIC:MODE such as C:major, F#:minor or Bb:dorian (modes: ${scaleModes.join(', ')}), not "${text}"`);
  }
  return { tonic, mode: mode as ScaleMode };
}

function number(name: string, raw: string | undefined, min: number, max: number, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}


/** One variation as a one-track song. */
function variationSong(model: ModelInfo, index: number, result: GenerationResult, key: GenerationKey | undefined): NoteSequence {
  const song = emptySequence(480);
  const variation = result.variations[index]!;
  if (key && (key.mode === 'major' || key.mode === 'minor')) song.keySignatures = [{ tick: 0, tonic: key.tonic, mode: key.mode }];
  song.tracks.push({
    id: `variation-${index + 1}`,
    name: `${model.name} — variation ${index + 1}`.slice(0, 120),
    program: 0,
    isDrum: model.kind === 'drums',
    mute: false,
    solo: false,
    volume: 0.8,
    pan: 0,
    notes: variation.notes,
  });
  return song;
}

const fileName = (index: number): string => `variation-${String(index + 1).padStart(2, '0')}.mid`;
const figure = (x: number): string => String(Number(x.toFixed(2)));

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))).join('  ')).join('\n');
}

export async function generateCommand(flags: GenerateFlags): Promise<number> {
  let args: { count: number; temperature?: number; seed?: number; key?: GenerationKey; density?: number };
  try {
    if (!flags.model) throw new UsageError(`--model is required; ${generateUsage}`);
    if (!flags.out) throw new UsageError(`--out DIR is required (the folder for the MIDI files); ${generateUsage}`);
    const temperature = number('temperature', flags.temperature, 0, 2, false);
    const seed = number('seed', flags.seed, 0, 2 ** 32 - 1, true);
    const density = number('density', flags.density, 0, 144, false);
    args = {
      count: number('n', flags.n, 1, maxVariations, true) ?? 8,
      ...(temperature === undefined ? {} : { temperature }),
      ...(seed === undefined ? {} : { seed }),
      ...(flags.key === undefined ? {} : { key: parseKey(flags.key) }),
      ...(density === undefined ? {} : { density }),
    };
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  const out = resolve(flags.out);
  const paths = Array.from({ length: args.count }, (_, i) => join(out, fileName(i)));
  if (!flags.force) {
    const taken = paths.filter((p) => existsSync(p));
    if (taken.length > 0) return fail(1, `${taken[0]} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ''}; choose another --out, or add --force to replace them.`);
  }

  let session: StudioSession | undefined;
  let model: ModelInfo;
  let result: GenerationResult;
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'generate');
    const found = await findModels(session, flags.model);
    if (found.length === 0) return fail(1, `No model is named or has the id “${flags.model}”; see \`montage models\`.`);
    if (found.length > 1) return fail(2, `“${flags.model}” names ${found.length} models (${found.map((m) => `${m.kind} ${m.id}`).join(', ')}); give the id of the one to use.`);
    model = found[0]!;
    result = (await session.call('generation', 'generate', { modelId: model.id, ...args })) as GenerationResult;
  } catch (err) {
    if (err instanceof CliRefusal) return fail(1, err.message);
    const e = StudioError.from(err);
    return fail(e.code === 'invalid-argument' ? 2 : 1, e.message);
  } finally {
    session?.close();
  }

  try {
    mkdirSync(out, { recursive: true });
    result.variations.forEach((_, i) => {
      const path = paths[i]!;
      try {
        writeFileSync(path, sequenceToMidi(variationSong(model, i, result, args.key)), { flag: flags.force ? 'w' : 'wx' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new InputRefusal(`${path} already exists; choose another --out, or add --force to replace it.`);
        throw new InputRefusal(`Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  } catch (err) {
    if (err instanceof InputRefusal) return fail(1, err.message);
    const detail = err instanceof Error ? err.message : String(err);
    return fail(1, `Could not write the MIDI files into ${out}: ${detail}`);
  }

  const files = result.variations.map((v, i) => ({
    path: paths[i]!,
    notes: v.notes.length,
    bars: v.bars,
    density: v.density,
    ...(v.inScaleRate === undefined ? {} : { inScaleRate: v.inScaleRate }),
    ...(v.transposition === undefined ? {} : { transposition: v.transposition }),
  }));
  if (flags.json) {
    console.log(JSON.stringify({ model: { id: model.id, name: model.name }, kind: result.kind, seed: result.seed, files, ms: result.ms }));
    return 0;
  }
  const rows = [
    ['FILE', 'NOTES', 'IN-SCALE', 'DENSITY'],
    ...files.map((f, i) => [fileName(i), String(f.notes), f.inScaleRate === undefined ? '—' : `${Math.round(f.inScaleRate * 100)}%`, `${figure(f.density)}/bar`]),
  ];
  console.log(table(rows));
  const where = session.kind === 'running' ? ' (in the running Montage)' : '';
  console.log(`${files.length} ${model.kind} variation${files.length === 1 ? '' : 's'} from “${model.name}” in ${result.ms} ms${where}, seed ${result.seed}, written to ${out}`);
  return 0;
}
