// The "continue" parts of `montage generate` (generate-command.ts):
// - `--continue FILE.mid [--bars N]`: the file's first melody track (a melody model) or drum track
//   (a drum model) with notes is continued by N bars (default 2, 1–16) through generation.continue;
//   each of the --n files holds that track's notes followed by one continuation (from the start of
//   the bar after its last note), one track at PPQ 480.
// - `--bars N` without --continue: variations of N bars. Fewer than the model's length cuts them;
//   more (up to 16 more) generates the model's length, then continues each variation with the
//   model's continuation companion (`continue` from the end of its last note's bar up to bar N).
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { generationPpq, StudioError, type ContinuationResult, type GenerationKey, type GenerationResult, type ModelInfo } from '../shared/api';
import { importMidi, type NoteSequence } from '../shared/music';
import { inScaleRate, stepNotesOf } from '../shared/music/encoding';
import type { Note } from '../shared/music/note-sequence';
import { CliRefusal, type StudioSession } from './host-session';

/** Bars a model draws (its steps in 16ths). */
export const modelBars = (model: ModelInfo): number => Math.max(1, Math.round(model.steps / 16));

/** The clip to continue: the first track of the model's kind with notes in a MIDI file. */
export interface ContinueSource {
  file: string;
  track: string;
  ppq: number;
  notes: Note[];
}

/** Reads --continue FILE: refuses (CliRefusal) a file that cannot be read or has no track of the model's kind. */
export function readContinueSource(path: string, model: ModelInfo): ContinueSource {
  let song: NoteSequence;
  try {
    song = importMidi(new Uint8Array(readFileSync(path))).sequence;
  } catch (err) {
    throw new CliRefusal(`Could not read ${path} as a MIDI file: ${err instanceof Error ? err.message : String(err)}`);
  }
  const drums = model.kind === 'drums';
  const track = song.tracks.find((t) => t.isDrum === drums && t.notes.length > 0);
  if (!track) throw new CliRefusal(`${basename(path)} has no ${drums ? 'drum track (MIDI channel 10)' : 'melody (non-drum) track'} with notes for the ${model.kind} model “${model.name}” to continue.`);
  return { file: path, track: track.name || track.id, ppq: song.ppq, notes: track.notes };
}

/** The source's notes at PPQ 480, then each continuation placed after it: one clip per continuation. */
export function joinContinuation(source: ContinueSource, result: ContinuationResult): { notes: Note[]; after: number }[] {
  const scale = (tick: number): number => Math.round((tick * generationPpq) / source.ppq);
  const clip = source.notes.map((n) => ({ ...n, start: scale(n.start), duration: Math.max(1, scale(n.start + n.duration) - scale(n.start)) }));
  const after = scale(result.after);
  return result.variations.map((v) => ({ notes: [...clip, ...v.notes.map((n) => ({ ...n, start: n.start + after }))], after }));
}

/**
 * Variations of `bars` bars from variations of the model's length: cut, or continued through the
 * model's companion (one continue request per variation, seeded from the result's seed).
 */
export async function resizeVariations(
  session: StudioSession,
  model: ModelInfo,
  result: GenerationResult,
  bars: number,
  options: { temperature?: number; key?: GenerationKey },
): Promise<GenerationResult> {
  const own = modelBars(model);
  if (bars === own) return result;
  const end = bars * 4 * generationPpq;
  const variations = [];
  for (const [i, v] of result.variations.entries()) {
    let notes: Note[];
    if (bars < own) {
      notes = v.notes.filter((n) => n.start < end).map((n) => ({ ...n, duration: Math.min(n.duration, end - n.start) }));
    } else if (v.notes.length === 0) {
      notes = [];
    } else {
      const lastBar = Math.floor(Math.max(...v.notes.map((n) => n.start)) / (4 * generationPpq)) + 1;
      const more = (await session.call('generation', 'continue', {
        modelId: model.id,
        notes: v.notes,
        bars: Math.min(16, bars - lastBar),
        count: 1,
        seed: (result.seed + i + 1) % 2 ** 32,
        ...(options.temperature === undefined ? {} : { temperature: options.temperature }),
      })) as ContinuationResult;
      const after = more.after;
      // Notes of the generated part that would sound into the continuation end where it starts.
      notes = [...v.notes.map((n) => ({ ...n, duration: Math.max(1, Math.min(n.duration, after - n.start)) })), ...(more.variations[0]?.notes ?? []).map((n) => ({ ...n, start: n.start + after }))];
    }
    const clip = { ...v, notes, bars, density: notes.length / bars };
    if (options.key && model.kind === 'melody') {
      const rate = inScaleRate(stepNotesOf(notes, generationPpq, 0), options.key.tonic, options.key.mode);
      if (Number.isNaN(rate)) delete clip.inScaleRate;
      else clip.inScaleRate = rate;
    }
    variations.push(clip);
  }
  return { ...result, variations };
}

/** Checks --bars against the model: 1 … its length + 16 (a continuation adds at most 16 bars). */
export function checkBars(bars: number, model: ModelInfo, continuing: boolean): void {
  const max = continuing ? 16 : modelBars(model) + 16;
  if (bars > max) {
    throw new StudioError(
      'invalid-argument',
      continuing ? `--bars must be 1 to 16 with --continue (bars added after the clip), not ${bars}.` : `--bars must be 1 to ${max} for “${model.name}” (its ${modelBars(model)} bars, continued by up to 16), not ${bars}.`,
    );
  }
}
