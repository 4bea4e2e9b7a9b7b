// Pure decisions of the Train dialog and the training charts: the API source from what is ticked,
// the preview line, the upload checks done before sending, base64 of a file's bytes, and the
// chart series from a job's metric points (held-out figures only on the steps that evaluated).
import {
  maxTrainingFileBytes,
  maxTrainingUploadBytes,
  maxTrainingUploadFiles,
  type MetricPoint,
  type MusicModelConfigName,
  type TrainingCorpusSummary,
  type TrainingSource,
} from '../../../shared/api';

export const configChoices: readonly { name: MusicModelConfigName; label: string; hint: string }[] = [
  { name: 'melody-2bar', label: 'Melodies, 2 bars', hint: 'Learns two-bar melodic phrases from non-drum tracks.' },
  { name: 'melody-4bar', label: 'Melodies, 4 bars', hint: 'Longer phrases; needs more material and time.' },
  { name: 'drums-2bar', label: 'Drum patterns, 2 bars', hint: 'Learns two-bar grooves from drum tracks.' },
];

/** A song of the project and its tracks, as the dialog lists them. */
export interface SongChoice {
  docId: string;
  name: string;
  tracks: { id: string; name: string; isDrum: boolean; notes: number }[];
}

/** What is ticked: whole songs, or single tracks of a song. */
export interface SongSelection {
  /** docId → 'all' or the ticked track ids. */
  [docId: string]: 'all' | readonly string[];
}

/** The API source for the ticked songs and tracks (null when nothing is ticked). */
export function songsSource(projectId: string, selection: SongSelection): TrainingSource | null {
  const docIds: string[] = [];
  const tracks: { docId: string; trackId: string }[] = [];
  for (const [docId, which] of Object.entries(selection)) {
    if (which === 'all') docIds.push(docId);
    else for (const trackId of which) tracks.push({ docId, trackId });
  }
  if (docIds.length === 0 && tracks.length === 0) return null;
  return { kind: 'songs', projectId, docIds, ...(tracks.length > 0 ? { tracks } : {}) };
}

/** Ticks or unticks one track; a song whose every track is ticked becomes 'all'. */
export function toggleTrack(selection: SongSelection, song: SongChoice, trackId: string): SongSelection {
  const current = selection[song.docId];
  const ticked = new Set(current === 'all' ? song.tracks.map((t) => t.id) : (current ?? []));
  if (ticked.has(trackId)) ticked.delete(trackId);
  else ticked.add(trackId);
  const next = { ...selection };
  if (ticked.size === 0) delete next[song.docId];
  else if (ticked.size === song.tracks.length) next[song.docId] = 'all';
  else next[song.docId] = song.tracks.map((t) => t.id).filter((id) => ticked.has(id));
  return next;
}

export function toggleSong(selection: SongSelection, docId: string): SongSelection {
  const next = { ...selection };
  if (next[docId] === 'all') delete next[docId];
  else next[docId] = 'all';
  return next;
}

export function isTrackTicked(selection: SongSelection, docId: string, trackId: string): boolean {
  const which = selection[docId];
  return which === 'all' || (which?.includes(trackId) ?? false);
}

const mb = (bytes: number): string => `${Math.round((bytes / 1e6) * 10) / 10} MB`;

/** Why these files cannot be sent, before reading them (null when they can). */
export function uploadProblem(files: readonly { name: string; size: number }[]): string | null {
  if (files.length === 0) return 'Choose at least one MIDI file.';
  if (files.length > maxTrainingUploadFiles) return `Choose at most ${maxTrainingUploadFiles} files at a time (${files.length} chosen).`;
  const big = files.find((f) => f.size > maxTrainingFileBytes);
  if (big) return `“${big.name}” is ${mb(big.size)}; a MIDI file may be at most ${mb(maxTrainingFileBytes)}.`;
  const empty = files.find((f) => f.size === 0);
  if (empty) return `“${empty.name}” is empty.`;
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > maxTrainingUploadBytes) return `The files come to ${mb(total)}; choose at most ${mb(maxTrainingUploadBytes)} at a time.`;
  return null;
}

/** Base64 of bytes, in chunks (String.fromCharCode over a whole file overflows the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** "Found 31 two-bar melodies in 4 tracks; skipped 6 (6 silent)." with a capital and a stop. */
export function previewLine(summary: TrainingCorpusSummary): string {
  const text = summary.summary.trim();
  if (!text) return `Found ${summary.examples} examples.`;
  return `${text[0]!.toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** The reason training cannot start on this preview, or null. */
export function previewBlocker(summary: TrainingCorpusSummary): string | null {
  if (summary.enough) return null;
  const noun = summary.kind === 'drums' ? 'drum patterns' : 'melodies';
  const top = summary.skipped.slice(0, 3).map((s) => `${s.count} ${s.label}`);
  const why =
    top.length > 0
      ? ` (skipped: ${top.join(', ')})`
      : summary.examples === 0 && summary.unreadable.length === 0
        ? ` — the chosen ${summary.sources === 1 ? 'music has' : 'songs have'} no ${summary.kind === 'drums' ? 'drum' : 'melody (non-drum)'} notes`
        : '';
  return `Training needs at least ${summary.minExamples} ${summary.bars}-bar ${noun}; found ${summary.examples}${why}.`;
}

export const defaultSteps = 2000;

/** A whole number of steps from the field, or the reason it is not one. */
export function parseSteps(raw: string): { steps: number } | { error: string } {
  const text = raw.trim();
  if (text === '') return { steps: defaultSteps };
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) return { error: 'Steps must be a whole number from 1 to 100,000.' };
  return { steps: n };
}

/** uPlot data of a training job: steps and each figure (null where a step lacks it). */
export interface TrainingSeries {
  steps: number[];
  loss: (number | null)[];
  heldOutLoss: (number | null)[];
  kl: (number | null)[];
  accuracy: (number | null)[];
  heldOutAccuracy: (number | null)[];
}

const num = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

export function trainingSeries(points: readonly MetricPoint[]): TrainingSeries {
  const out: TrainingSeries = { steps: [], loss: [], heldOutLoss: [], kl: [], accuracy: [], heldOutAccuracy: [] };
  for (const p of points) {
    out.steps.push(p.step);
    out.loss.push(num(p.loss));
    out.heldOutLoss.push(num(p.heldOutLoss));
    out.kl.push(num(p.kl));
    out.accuracy.push(num(p.accuracy));
    out.heldOutAccuracy.push(num(p.heldOutAccuracy));
  }
  return out;
}

/** The latest figures, for the line under the charts. */
export function latestFigures(points: readonly MetricPoint[]): string {
  const last = points[points.length - 1];
  if (!last) return 'No steps yet.';
  const parts = [`step ${last.step}`];
  if (num(last.loss) !== null) parts.push(`loss ${last.loss!.toFixed(2)}`);
  if (num(last.kl) !== null) parts.push(`KL ${last.kl!.toFixed(2)}`);
  if (num(last.accuracy) !== null) parts.push(`accuracy ${(last.accuracy! * 100).toFixed(0)} %`);
  const evaluated = [...points].reverse().find((p) => num(p.heldOutLoss) !== null);
  if (evaluated) parts.push(`held-out loss ${evaluated.heldOutLoss!.toFixed(2)} (step ${evaluated.step})`);
  return parts.join(' · ');
}

/** Whether a job is a stopped training run that may be resumed (the host says if its checkpoint is gone). */
export function resumable(job: { kind: string; status: string }): boolean {
  return job.kind === 'train-music' && (job.status === 'cancelled' || job.status === 'interrupted' || job.status === 'failed');
}
