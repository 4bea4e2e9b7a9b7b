// `montage generate --model NAME|ID [--n 8] [--temperature T] [--seed S] [--key C:major]
// [--density D] --out DIR [--force] [--json]`: variations from a registered music model, through
// the running host's API (or a host of its own: host-session.ts), one MIDI file per variation in
// DIR (created): variation-01.mid, variation-02.mid …, each a one-track song at PPQ 480 and 120 BPM
// (drums on channel 10; with a major or minor key, its key signature). Existing files are never
// replaced unless --force; every name is checked before anything is written.
// Prints a table (file, notes, in-scale rate, density) or, with --json, one object
// {model: {id, name}, kind, seed, files: [{path, notes, bars, density, inScaleRate?, transposition?}], ms}.
// Exit codes: 0 ok, 1 failed (no such model, a model that cannot load, a file in the way), 2 bad usage.
//
// `--bars N` gives variations of N bars: fewer than the model's length cuts them, more (up to 16
// more) continues each one with the model's continuation companion (generate-continue.ts).
// `--continue FILE.mid [--bars N]` continues the file's first melody (or, for a drum model, drum)
// track by N bars (default 2, 1–16) instead: DIR/continuation-01.mid …, each the track's notes
// followed by one continuation from the bar after its last note; --json prints
// {model, kind, seed, source: {file, track, notes, after}, files: [{path, notes, bars, density}], ms}
// (`after`: ticks at PPQ 480 where the continuations start; files' notes/bars/density: the continuation's).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { maxVariations, type ContinuationResult, type GenerationKey, type GenerationResult, type ModelInfo } from '../shared/api';
import { emptySequence, pitchClassNames, sequenceToMidi, type NoteSequence } from '../shared/music';
import { scaleModes, type ScaleMode } from '../shared/music/scales';
import { defaultDataDir } from '../main/paths';
import { fail, openStudioSession, sessionFailure, type StudioSession } from './host-session';
import { InputRefusal } from './song-files';
import { pickModel } from './models-command';
import { alignedTable, numberFlag, UsageError } from './cli-flags';
import { checkBars, joinContinuation, readContinueSource, resizeVariations, type ContinueSource } from './generate-continue';

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
  /** A MIDI file whose first melody/drum track is continued. */
  continue?: string;
  bars?: string;
}

export const generateUsage =
  'usage: montage generate --model NAME|ID [--n 8] [--temperature T] [--seed S] [--key C:major] [--density D] [--bars N] [--continue FILE.mid] --out DIR [--force] [--json]';

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


/** A song at PPQ 480 of one track of the model's notes (a drum track for a drum model). */
function oneTrackSong(model: ModelInfo, id: string, name: string, notes: NoteSequence['tracks'][number]['notes']): NoteSequence {
  const song = emptySequence(480);
  song.tracks.push({ id, name: name.slice(0, 120), program: 0, isDrum: model.kind === 'drums', mute: false, solo: false, volume: 0.8, pan: 0, notes });
  return song;
}

/** One variation as a one-track song. */
function variationSong(model: ModelInfo, index: number, result: GenerationResult, key: GenerationKey | undefined): NoteSequence {
  const song = oneTrackSong(model, `variation-${index + 1}`, `${model.name} — variation ${index + 1}`, result.variations[index]!.notes);
  if (key && (key.mode === 'major' || key.mode === 'minor')) song.keySignatures = [{ tick: 0, tonic: key.tonic, mode: key.mode }];
  return song;
}

const fileName = (index: number): string => `variation-${String(index + 1).padStart(2, '0')}.mid`;

/** The `count` files' paths in `out`, or (without --force, when any is there already) the exit code after saying so. */
function freePaths(out: string, name: (index: number) => string, count: number, force: boolean | undefined): string[] | number {
  const paths = Array.from({ length: count }, (_, i) => join(out, name(i)));
  if (!force) {
    const taken = paths.filter((p) => existsSync(p));
    if (taken.length > 0) return fail(1, `${taken[0]} already exists${taken.length > 1 ? ` (and ${taken.length - 1} more)` : ''}; choose another --out, or add --force to replace them.`);
  }
  return paths;
}

/** Writes song(i) as MIDI to each of `paths` in `out` (created; an existing file only with --force); the exit code when one could not be written. */
function writeSongs(out: string, paths: string[], song: (index: number) => NoteSequence, force: boolean | undefined): number | undefined {
  try {
    mkdirSync(out, { recursive: true });
    paths.forEach((path, i) => {
      try {
        writeFileSync(path, sequenceToMidi(song(i)), { flag: force ? 'w' : 'wx' });
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new InputRefusal(`${path} already exists; choose another --out, or add --force to replace it.`);
        throw new InputRefusal(`Could not write ${path}: ${err instanceof Error ? err.message : String(err)}`);
      }
    });
  } catch (err) {
    if (err instanceof InputRefusal) return fail(1, err.message);
    return fail(1, `Could not write the MIDI files into ${out}: ${err instanceof Error ? err.message : String(err)}`);
  }
  return undefined;
}
const figure = (x: number): string => String(Number(x.toFixed(2)));

export async function generateCommand(flags: GenerateFlags): Promise<number> {
  if (flags.continue !== undefined) return continueCommand(flags);
  let bars: number | undefined;
  let args: { count: number; temperature?: number; seed?: number; key?: GenerationKey; density?: number };
  try {
    if (!flags.model) throw new UsageError(`--model is required; ${generateUsage}`);
    if (!flags.out) throw new UsageError(`--out DIR is required (the folder for the MIDI files); ${generateUsage}`);
    const temperature = numberFlag('temperature', flags.temperature, 0, 2, false);
    const seed = numberFlag('seed', flags.seed, 0, 2 ** 32 - 1, true);
    const density = numberFlag('density', flags.density, 0, 144, false);
    bars = numberFlag('bars', flags.bars, 1, 64, true);
    args = {
      count: numberFlag('n', flags.n, 1, maxVariations, true) ?? 8,
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
  const paths = freePaths(out, fileName, args.count, flags.force);
  if (typeof paths === 'number') return paths;

  let session: StudioSession | undefined;
  let model: ModelInfo;
  let result: GenerationResult;
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'generate');
    const picked = await pickModel(session, flags.model, 'use');
    if (typeof picked === 'number') return picked;
    model = picked;
    if (bars !== undefined) checkBars(bars, model, false);
    result = (await session.call('generation', 'generate', { modelId: model.id, ...args })) as GenerationResult;
    if (bars !== undefined) {
      result = await resizeVariations(session, model, result, bars, {
        ...(args.temperature === undefined ? {} : { temperature: args.temperature }),
        ...(args.key === undefined ? {} : { key: args.key }),
      });
    }
  } catch (err) {
    return sessionFailure(err);
  } finally {
    session?.close();
  }

  const unwritten = writeSongs(out, paths.slice(0, result.variations.length), (i) => variationSong(model, i, result, args.key), flags.force);
  if (unwritten !== undefined) return unwritten;

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
  console.log(alignedTable(rows));
  const where = session.kind === 'running' ? ' (in the running Montage)' : '';
  console.log(`${files.length} ${model.kind} variation${files.length === 1 ? '' : 's'} from “${model.name}” in ${result.ms} ms${where}, seed ${result.seed}, written to ${out}`);
  return 0;
}

const continuationFile = (index: number): string => `continuation-${String(index + 1).padStart(2, '0')}.mid`;

/** `montage generate --continue FILE.mid`: see the header. */
async function continueCommand(flags: GenerateFlags): Promise<number> {
  let args: { count: number; bars: number; temperature?: number; seed?: number };
  try {
    if (!flags.model) throw new UsageError(`--model is required; ${generateUsage}`);
    if (!flags.out) throw new UsageError(`--out DIR is required (the folder for the MIDI files); ${generateUsage}`);
    if (flags.key !== undefined || flags.density !== undefined) throw new UsageError('--key and --density apply to new variations, not to --continue');
    const temperature = numberFlag('temperature', flags.temperature, 0, 2, false);
    const seed = numberFlag('seed', flags.seed, 0, 2 ** 32 - 1, true);
    args = {
      count: numberFlag('n', flags.n, 1, maxVariations, true) ?? 4,
      bars: numberFlag('bars', flags.bars, 1, 16, true) ?? 2,
      ...(temperature === undefined ? {} : { temperature }),
      ...(seed === undefined ? {} : { seed }),
    };
  } catch (err) {
    if (err instanceof UsageError) return fail(2, err.message);
    throw err;
  }
  const out = resolve(flags.out);
  const paths = freePaths(out, continuationFile, args.count, flags.force);
  if (typeof paths === 'number') return paths;
  let session: StudioSession | undefined;
  let model: ModelInfo;
  let source: ContinueSource;
  let result: ContinuationResult;
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'generate');
    const picked = await pickModel(session, flags.model, 'use');
    if (typeof picked === 'number') return picked;
    model = picked;
    source = readContinueSource(resolve(flags.continue as string), model);
    result = (await session.call('generation', 'continue', { modelId: model.id, notes: source.notes, ppq: source.ppq, ...args })) as ContinuationResult;
  } catch (err) {
    return sessionFailure(err);
  } finally {
    session?.close();
  }
  const joined = joinContinuation(source, result);
  const unwritten = writeSongs(out, paths.slice(0, joined.length), (i) => oneTrackSong(model, `continuation-${i + 1}`, `${source.track} — continued by ${model.name}`, joined[i]!.notes), flags.force);
  if (unwritten !== undefined) return unwritten;
  const after = joined[0]?.after ?? 0;
  const files = result.variations.map((v, i) => ({ path: paths[i]!, notes: v.notes.length, bars: v.bars, density: v.density }));
  if (flags.json) {
    console.log(
      JSON.stringify({ model: { id: model.id, name: model.name }, kind: result.kind, seed: result.seed, source: { file: source.file, track: source.track, notes: source.notes.length, after }, files, ms: result.ms }),
    );
    return 0;
  }
  console.log(alignedTable([['FILE', 'NOTES', 'DENSITY'], ...files.map((f, i) => [continuationFile(i), String(f.notes), `${figure(f.density)}/bar`])]));
  const where = session.kind === 'running' ? ' (in the running Montage)' : '';
  console.log(
    `${files.length} continuation${files.length === 1 ? '' : 's'} of ${args.bars} bar${args.bars === 1 ? '' : 's'} after bar ${after / 1920} of “${source.track}” from “${model.name}” in ${result.ms} ms${where}, seed ${result.seed}, written to ${out}`,
  );
  return 0;
}
