// Renders the song to a 16-bit 44.1 kHz stereo WAV with Tone.Offline: the same instruments, mix
// and note schedule as playback (shared/sound/song-rig.ts) over the same window and tracks as the
// CLI's render thread (shared/sound/render-plan.ts): the whole song (to its last bar line) or the
// loop region, plus a tail so releases are not cut. Imported lazily, like the playback engine,
// because importing Tone.js creates its AudioContext.
import * as Tone from 'tone';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { instrumentKind } from '../../shared/sound/playback-logic';
import { renderChannels, renderSampleRate, renderWindow, soundingSong } from '../../shared/sound/render-plan';
import { startSongRender } from '../../shared/sound/song-rig';
import { encodeWav } from '../../shared/sound/wav-encode';
import { loadPianoSamples } from './piano-samples';
import { builtInPart, mixSoundfontAudio, renderSoundfontTracks, soundfontTracks } from '../../shared/sound/soundfont-render';
import { loadSoundBank, yieldToPage } from './soundfont-playback';

/** The WAV bytes of `song`, from `region` (ticks) or the whole song; `projectId` is where the
 * song's soundfont (if it has one) is. */
export async function renderSongWav(song: NoteSequence, region: { start: number; end: number } | null, projectId?: string): Promise<Uint8Array<ArrayBuffer>> {
  const window = renderWindow(song, region);
  const sounding = soundingSong(song, window);
  // Tracks on the song's soundfont render with spessasynth_core and are mixed in after the rest.
  const byFont = soundfontTracks(sounding);
  const heard = builtInPart(sounding);
  const samples = heard.tracks.some((t) => instrumentKind(t) === 'piano') ? await loadPianoSamples() : null;
  // Tone.Offline makes duration × rate frames, rounded down: half a frame over gives exactly `frames`.
  const buffer = await Tone.Offline(() => startSongRender(heard, samples, window), (window.frames + 0.5) / renderSampleRate, renderChannels, renderSampleRate);
  const channels: [Float32Array, Float32Array] = [buffer.getChannelData(0), buffer.getChannelData(1)];
  if (byFont.length > 0 && song.soundfont) {
    if (!projectId) throw new Error('the song plays from a soundfont, and its project is unknown');
    const bank = await loadSoundBank(projectId, song.soundfont);
    const audio = await renderSoundfontTracks(bank, sounding, byFont, window, channels[0].length, renderSampleRate, { pause: yieldToPage });
    mixSoundfontAudio(channels, sounding, audio);
  }
  return encodeWav(channels, renderSampleRate);
}
