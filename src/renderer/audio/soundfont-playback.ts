// The song's soundfont in the app: its bytes fetched from the project's assets (same origin, or
// montage-asset:// in Electron) and parsed once per content, and, for live playback, each track it
// plays rendered ahead (shared/sound/soundfont-render.ts, in slices so the page stays responsive)
// into a Tone.Player synced to the Transport, through the track's own Tone.Volume and Tone.Panner,
// so mute/solo/volume/pan act live and the audio keeps time with the notes, the loop and the
// metronome. A track is rendered again only when what it sounds like changes (its notes, program,
// the tempo map or the soundfont), not for a mix change. Imported by playback-engine.ts and
// render-wav.ts, which are loaded lazily: importing Tone creates the AudioContext.
import * as Tone from 'tone';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { audibleTrackIds, volumeToDb } from '../../shared/sound/playback-logic';
import { renderTailSeconds, renderWindow } from '../../shared/sound/render-plan';
import { readSoundBank, renderSoundfontTracks, soundfontTracks, trackAudioKey, type SoundBank } from '../../shared/sound/soundfont-render';
import { NodeBag } from '../../shared/sound/node-bag';
import { assetUrl } from '../views/audio/asset-url';

const banks = new Map<string, Promise<SoundBank>>();

/** The parsed soundfont `hash` of the project (fetched once per page). */
export function loadSoundBank(projectId: string, hash: string): Promise<SoundBank> {
  let bank = banks.get(hash);
  if (!bank) {
    bank = (async () => {
      const response = await fetch(assetUrl(projectId, hash));
      if (!response.ok) throw new Error(`The song's soundfont could not be loaded (HTTP ${response.status}); it may have been deleted from the project.`);
      return readSoundBank(await response.arrayBuffer());
    })();
    banks.set(hash, bank);
    // A failure is not kept: the next Play tries again.
    bank.catch(() => banks.delete(hash));
  }
  return bank;
}

/** Lets the page paint and take input between slices of a render. */
export const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface Voice {
  key: string;
  player: Tone.Player;
  volume: Tone.Volume;
  panner: Tone.Panner;
  bag: NodeBag;
}

const voices = new Map<string, Voice>();
/** Bumped by every prepare and dispose: a render overtaken by a newer one is dropped. */
let generation = 0;

/** Applies mute/solo/volume/pan to the tracks' players. */
export function syncSoundfontMix(song: NoteSequence): void {
  const audible = audibleTrackIds(song.tracks);
  for (const track of song.tracks) {
    const voice = voices.get(track.id);
    if (!voice) continue;
    voice.volume.volume.value = volumeToDb(track.volume);
    voice.volume.mute = !audible.has(track.id);
    voice.panner.pan.value = track.pan;
  }
}

/** Whether every track the soundfont plays has its audio for the song as it is. */
export function soundfontReady(song: NoteSequence): boolean {
  const tracks = soundfontTracks(song);
  return tracks.every((t) => voices.get(t.id)?.key === trackAudioKey(song, t)) && voices.size === tracks.length;
}

/**
 * Brings the players in step with the song: renders the tracks whose audio changed (all of them the
 * first time), drops those of tracks gone (or of a song back on built-in instruments), applies the
 * mix. Resolves true when the players changed (a running Transport must be set again for the new
 * players to join), false when nothing changed or a newer call overtook this one.
 */
export async function prepareSoundfont(song: NoteSequence, projectId: string): Promise<boolean> {
  const mine = ++generation;
  const tracks = soundfontTracks(song);
  let changed = false;
  const keep = new Set(tracks.map((t) => t.id));
  for (const [id, voice] of voices) {
    if (!keep.has(id)) {
      voice.bag.dispose();
      voices.delete(id);
      changed = true;
    }
  }
  const stale = tracks.filter((t) => voices.get(t.id)?.key !== trackAudioKey(song, t));
  if (stale.length > 0 && song.soundfont) {
    const bank = await loadSoundBank(projectId, song.soundfont);
    if (mine !== generation) return false;
    const rate = Tone.getContext().sampleRate;
    // The whole song (to its last bar line) and the built-in render's tail for the releases.
    const window = renderWindow(song, null);
    const frames = Math.ceil((window.to + renderTailSeconds) * rate);
    const audio = await renderSoundfontTracks(bank, song, stale, { from: 0, to: window.to }, frames, rate, { pause: yieldToPage });
    if (mine !== generation) return false;
    for (const track of stale) {
      const rendered = audio.get(track.id);
      if (!rendered) continue;
      voices.get(track.id)?.bag.dispose();
      const bag = new NodeBag();
      const buffer = Tone.ToneAudioBuffer.fromArray([rendered.left, rendered.right]);
      const player = bag.add(new Tone.Player(buffer));
      const volume = bag.add(new Tone.Volume());
      const panner = bag.add(new Tone.Panner());
      player.chain(volume, panner, Tone.getDestination());
      // Transport second 0 is the song's start: the player follows play, seek, loop and stop.
      player.sync().start(0);
      voices.set(track.id, { key: trackAudioKey(song, track), player, volume, panner, bag });
      changed = true;
    }
  }
  syncSoundfontMix(song);
  return changed;
}

/** Leaving the editor: every player and node goes. */
export function disposeSoundfont(): void {
  generation++;
  for (const voice of voices.values()) voice.bag.dispose();
  voices.clear();
}
