import { describe, expect, it } from 'vitest';
import { maxMidiBytes } from '../../../shared/api/documents';
import { base64ToBytes, bytesToBase64, midiFileName, midiFileProblem, songNameOf } from './midi-file-logic';

describe('MIDI files on the project screen', () => {
  it('refuses non-MIDI names, empty files and files over the limit before sending', () => {
    expect(midiFileProblem('song.mid', 1000)).toBeNull();
    expect(midiFileProblem('SONG.MIDI', maxMidiBytes)).toBeNull();
    expect(midiFileProblem('notes.txt', 10)).toMatch(/not a MIDI file/);
    expect(midiFileProblem('song.mid', 0)).toMatch(/empty/);
    expect(midiFileProblem('big.mid', 20 * 1024 * 1024)).toBe('“big.mid” is 20.0 MB; Montage imports MIDI files up to 4.0 MB.');
    expect(midiFileProblem('edge.mid', maxMidiBytes + 1)).toMatch(/up to 4.0 MB/);
  });

  it('names songs after their files and files after their songs', () => {
    expect(songNameOf('Night Drive (v2).mid')).toBe('Night Drive (v2)');
    expect(songNameOf('.mid')).toBe('Imported song');
    expect(songNameOf(`${'x'.repeat(200)}.midi`)).toHaveLength(120);
    expect(midiFileName('Verse: A/B?')).toBe('Verse- A-B-.mid');
    expect(midiFileName('take.mid')).toBe('take.mid');
    expect(midiFileName('...')).toBe('song.mid');
  });

  it('round-trips bytes through base64, large files included', () => {
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
    const back = base64ToBytes(bytesToBase64(bytes));
    expect(back).toEqual(bytes);
    expect(bytesToBase64(new Uint8Array([77, 84, 104, 100]))).toBe('TVRoZA==');
  });
});
