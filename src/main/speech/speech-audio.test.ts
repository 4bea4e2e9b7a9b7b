// Bringing input to 16 kHz mono without the decoding thread: headerless .raw files, the refusals
// made before any decoding, and the WAV written for the engines.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeWav } from '../../shared/sound/wav-encode';
import { loadSpeechAudio, pcm16ToFloat, writeSpeechWav } from './speech-audio';

describe('speech audio', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'montage-speech-audio-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads 16-bit little-endian samples as floats', () => {
    const bytes = new Uint8Array([0x00, 0x80, 0xff, 0x7f, 0x00, 0x00, 0x00, 0x40, 0x01]);
    expect(Array.from(pcm16ToFloat(bytes))).toEqual([-1, 32767 / 32768, 0, 0.5]);
  });

  it('passes samples through and reads .raw files as they are', async () => {
    const pcm = new Float32Array([0, 0.25]);
    expect(await loadSpeechAudio(pcm)).toBe(pcm);
    writeFileSync(join(dir, 'take.raw'), Buffer.from([0x00, 0x20, 0x00, 0xe0]));
    expect(Array.from(await loadSpeechAudio(join(dir, 'take.raw')))).toEqual([0.25, -0.25]);
  });

  it('refuses before decoding: missing, empty, a folder, not audio, a soundfont', async () => {
    await expect(loadSpeechAudio(join(dir, 'none.wav'))).rejects.toMatchObject({ code: 'not-found', message: `${join(dir, 'none.wav')}: no such file.` });
    writeFileSync(join(dir, 'empty.wav'), '');
    await expect(loadSpeechAudio(join(dir, 'empty.wav'))).rejects.toMatchObject({ code: 'invalid-argument', message: `${join(dir, 'empty.wav')} is empty.` });
    mkdirSync(join(dir, 'folder.wav'));
    await expect(loadSpeechAudio(join(dir, 'folder.wav'))).rejects.toMatchObject({ code: 'invalid-argument', message: `${join(dir, 'folder.wav')} is a folder, not an audio file.` });
    writeFileSync(join(dir, 'text.mp3'), 'ID3 is not enough');
    await expect(loadSpeechAudio(join(dir, 'text.mp3'))).rejects.toMatchObject({ code: 'invalid-argument', message: `${join(dir, 'text.mp3')}: Montage can import WAV, MP3, OGG and FLAC audio; this file is not one of them.` });
    writeFileSync(join(dir, 'font.wav'), Buffer.from('RIFF\x00\x00\x00\x00sfbkLIST', 'latin1'));
    await expect(loadSpeechAudio(join(dir, 'font.wav'))).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(loadSpeechAudio(join(dir, 'take.raw'), { signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('writes the same WAV as encodeWav, in pieces, private and never over a file', async () => {
    // Longer than one piece (2^18 samples), with values to clamp.
    const pcm = new Float32Array(300_000).map((_, i) => Math.sin(i / 7) * 1.2);
    const path = join(dir, 'audio.wav');
    await writeSpeechWav(path, pcm);
    expect(readFileSync(path).equals(Buffer.from(encodeWav([pcm], 16_000)))).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await expect(writeSpeechWav(path, pcm)).rejects.toMatchObject({ code: 'EEXIST' });
    await writeSpeechWav(join(dir, 'none.wav'), new Float32Array(0));
    expect(readFileSync(join(dir, 'none.wav')).equals(Buffer.from(encodeWav([new Float32Array(0)], 16_000)))).toBe(true);
  });
});
