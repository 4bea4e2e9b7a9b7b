// Plays the open song through Tone.js. Loaded lazily by transport-actions.ts on the first Play,
// because importing Tone creates its AudioContext, which browsers only let run after a gesture.
//
// Owns: one instrument, volume and panner per track (shared/sound/song-rig.ts builds them and
// applies the mix, shared with render-wav.ts and the CLI's render thread), the metronome click, and the schedule on Tone's Transport.
// Notes are scheduled at seconds from the song's tempo map (playback-logic.ts says why) on a
// Transport whose BPM never changes; any change to the song clears and rebuilds the schedule and
// puts the Transport back at the same tick, so edits, mutes and tempo changes are heard live.
// A song on a soundfont plays its tracks from players synced to the same Transport
// (soundfont-playback.ts); the rigs and the note schedule then hold only the built-in tracks.
import * as Tone from 'tone';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { secondsToTicks } from '../../shared/music/timing';
import { useDocumentsStore } from '../stores/documents-store';
import { usePlaybackStore } from '../stores/playback-store';
import { makeClick, type PianoSamples } from '../../shared/sound/instruments';
import { countIn, defaultLoop, instrumentKind, metronomeBeats, tickClock, wrapIntoLoop } from '../../shared/sound/playback-logic';
import { scheduleNotes, syncRigs, type TrackRig } from '../../shared/sound/song-rig';
import { loadPianoSamples } from './piano-samples';
import { builtInPart } from '../../shared/sound/soundfont-render';
import { disposeSoundfont, prepareSoundfont, syncSoundfontMix } from './soundfont-playback';

const rigs = new Map<string, TrackRig>();
let click: ReturnType<typeof makeClick> | null = null;
let song: NoteSequence | null = null;
let samples: PianoSamples | null = null;
let unsubscribe: (() => void) | null = null;
/** Bumped by every play and stop, so a Play still loading when Stop comes never starts. */
let generation = 0;

const transport = () => Tone.getTransport();

export function attach(): void {
  if (unsubscribe) return;
  song = useDocumentsStore.getState().open?.content ?? null;
  unsubscribe = useDocumentsStore.subscribe((s) => {
    const next = s.open?.content ?? null;
    if (next && next !== song) update(next);
  });
  const t = transport();
  // Fine ticks: event times in seconds become Transport ticks, and 960 PPQ at 120 BPM is ~0.5 ms.
  t.PPQ = 960;
  t.bpm.value = 120;
}

/** Leaving the editor: silence, clear the schedule, dispose every node. */
export function detach(): void {
  stop();
  unsubscribe?.();
  unsubscribe = null;
  transport().cancel(0);
  for (const rig of rigs.values()) rig.bag.dispose();
  rigs.clear();
  disposeSoundfont();
  click?.dispose();
  click = null;
  song = null;
}

/** The playhead in ticks: the Transport's position while it runs, else the store's. */
export function playheadTick(): number {
  const { status, playheadTick: stored } = usePlaybackStore.getState();
  if (!song || status !== 'playing') return stored;
  const tick = secondsToTicks(song, transport().seconds);
  return transport().loop ? wrapIntoLoop(tick, loopRegion(song)) : tick;
}

/** The loop region in ticks: the user's, or the whole song rounded to bars. */
export function loopRegion(of: NoteSequence): { start: number; end: number } {
  return usePlaybackStore.getState().loopRegion ?? defaultLoop(of);
}

function schedule(of: NoteSequence): void {
  const t = transport();
  t.cancel(0);
  const at = tickClock(of);
  scheduleNotes(t, builtInPart(of), rigs);
  const { loop, metronome } = usePlaybackStore.getState();
  const region = loopRegion(of);
  const end = loop ? region.end : defaultLoop(of).end;
  if (metronome) {
    click ??= makeClick();
    click.output.toDestination();
    for (const beat of metronomeBeats(of, 0, end)) t.schedule((time) => click?.play(time, beat.accent), at(beat.tick));
  }
  t.loop = loop;
  if (loop) t.setLoopPoints(at(region.start), at(region.end));
  else {
    // The end of the song: stop there, and the playhead goes back to the start.
    t.schedule((time) => {
      Tone.getDraw().schedule(() => {
        stop();
        usePlaybackStore.setState({ playheadTick: 0 });
      }, time);
    }, at(end));
  }
}

/** The song changed (an edit, undo, another window): rebuild, keeping the playhead's tick. */
function update(next: NoteSequence): void {
  const running = usePlaybackStore.getState().status === 'playing';
  let tick = running ? playheadTick() : usePlaybackStore.getState().playheadTick;
  song = next;
  // A loop switched on (or moved) behind the playhead would never come round again: jump into it.
  const region = loopRegion(next);
  if (running && usePlaybackStore.getState().loop && (tick >= region.end || tick < region.start)) tick = region.start;
  syncRigs(rigs, builtInPart(next), samples);
  syncSoundfontMix(next);
  refreshSoundfont(next);
  // Stopped or still loading, there is nothing to reschedule: Play schedules the song as it is then.
  const { status } = usePlaybackStore.getState();
  if (status === 'stopped' || status === 'loading') return;
  schedule(next);
  if (running) transport().seconds = tickClock(next)(tick);
}

/** Renders again the soundfont tracks an edit changed; the new players join a running Transport
 * when it is set again at its own position. */
function refreshSoundfont(next: NoteSequence): void {
  const projectId = useDocumentsStore.getState().open?.info.projectId;
  if (!projectId) return;
  const status = usePlaybackStore.getState().status;
  if (status === 'stopped' || status === 'loading') return;
  prepareSoundfont(next, projectId).then(
    (changed) => {
      if (changed && song === next && usePlaybackStore.getState().status === 'playing') transport().seconds = transport().seconds;
    },
    (err: unknown) => usePlaybackStore.setState({ error: err instanceof Error ? err.message : String(err) }),
  );
}

/** Loop, loop region or metronome switched: the schedule follows, the playhead stays. */
export function reschedule(): void {
  if (song) update(song);
}

/** Starts playback from the store's playhead (after a bar of count-in if that is on). */
export async function play(): Promise<void> {
  const mine = ++generation;
  const current = useDocumentsStore.getState().open?.content;
  if (!current) return;
  usePlaybackStore.setState({ status: 'loading', error: null });
  try {
    // Inside the user's gesture (the Play command): browsers start audio only then.
    await Tone.start();
    if (Tone.getContext().state !== 'running') throw new Error('The browser did not let audio start.');
    if (!samples && builtInPart(current).tracks.some((t) => instrumentKind(t) === 'piano')) {
      samples = await loadPianoSamples();
      // Pianos built before the samples came (a track added while they loaded) are rebuilt.
      for (const [id, rig] of rigs) {
        if (rig.kind === 'piano') {
          rig.bag.dispose();
          rigs.delete(id);
        }
      }
    }
    // The soundfont's tracks are rendered before the Transport starts (Play waits, 'loading').
    const projectId = useDocumentsStore.getState().open?.info.projectId;
    if (projectId) await prepareSoundfont(useDocumentsStore.getState().open?.content ?? current, projectId);
  } catch (err) {
    if (mine !== generation) return;
    const reason = err instanceof Error ? err.message : String(err);
    usePlaybackStore.setState({ status: 'stopped', error: `Audio could not start: ${reason}` });
    return;
  }
  if (mine !== generation) return;
  song = useDocumentsStore.getState().open?.content ?? current;
  syncRigs(rigs, builtInPart(song), samples);
  syncSoundfontMix(song);
  schedule(song);
  const { playheadTick: from, countIn: counting, loop } = usePlaybackStore.getState();
  const region = loopRegion(song);
  // Starting past the loop's end (or outside it) starts at the loop's start.
  const start = loop && (from >= region.end || from < region.start) ? region.start : from;
  const t = transport();
  t.seconds = tickClock(song)(start);
  const now = Tone.now() + 0.05;
  if (counting) {
    const bar = countIn(song, start);
    click ??= makeClick();
    click.output.toDestination();
    for (const c of bar.clicks) click.play(now + c.offset, c.accent);
    usePlaybackStore.setState({ status: 'counting', playheadTick: start });
    t.start(now + bar.seconds);
    Tone.getDraw().schedule(() => {
      if (mine === generation) usePlaybackStore.setState({ status: 'playing' });
    }, now + bar.seconds);
  } else {
    usePlaybackStore.setState({ status: 'playing', playheadTick: start });
    t.start(now);
  }
  // An edit made while the soundfont rendered (Play was 'loading') is rendered now.
  refreshSoundfont(song);
}

/** Halts where the playhead is (Home goes back to the start). */
export function stop(): void {
  generation++;
  const t = transport();
  const wasPlaying = usePlaybackStore.getState().status === 'playing';
  const tick = wasPlaying ? playheadTick() : usePlaybackStore.getState().playheadTick;
  // stop, not pause: it also cancels a start still ahead (Stop during the count-in). Play sets
  // the position again from the store, so resetting the Transport's loses nothing.
  t.stop();
  const now = Tone.now();
  for (const rig of rigs.values()) rig.instrument.releaseAll(now);
  usePlaybackStore.setState({ status: 'stopped', playheadTick: Math.max(0, Math.round(tick)) });
}

/** Moves the playhead; while playing, playback carries on from there. */
export function seek(tick: number): void {
  const target = Math.max(0, Math.round(tick));
  usePlaybackStore.setState({ playheadTick: target });
  if (song && usePlaybackStore.getState().status === 'playing') transport().seconds = tickClock(song)(target);
}
