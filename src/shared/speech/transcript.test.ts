import { describe, expect, it } from 'vitest';
import { formatAudioTime, isSpeechEngineName, realTimeFactor, transcriptPhrases, type TranscriptWord } from './transcript';

const w = (word: string, start: number, end: number): TranscriptWord => ({ word, start, end });

describe('transcriptPhrases', () => {
  it('starts a new phrase after a pause', () => {
    const words = [w('go', 0.46, 0.63), w('forward', 0.64, 1.16), w('ten', 1.5, 1.6), w('he', 8.33, 8.43), w('was', 8.44, 8.66)];
    expect(transcriptPhrases(words).map((p) => [p.start, p.end, p.text])).toEqual([
      [0.46, 1.16, 'go forward'],
      [1.5, 1.6, 'ten'],
      [8.33, 8.66, 'he was'],
    ]);
    expect(transcriptPhrases(words, { gapSeconds: 1 }).map((p) => p.text)).toEqual(['go forward ten', 'he was']);
  });

  it('breaks unbroken speech every maxSeconds', () => {
    const words = Array.from({ length: 30 }, (_, i) => w(`w${i}`, i * 0.5, i * 0.5 + 0.49));
    const phrases = transcriptPhrases(words, { maxSeconds: 5 });
    expect(phrases.length).toBe(3);
    expect(phrases.every((p) => p.end - p.start <= 5)).toBe(true);
    expect(phrases.flatMap((p) => p.words)).toEqual(words);
  });

  it('has no phrases without words', () => {
    expect(transcriptPhrases([])).toEqual([]);
  });
});

describe('formatAudioTime', () => {
  it('prints minutes, seconds and hundredths (hours past an hour)', () => {
    expect(formatAudioTime(0)).toBe('0:00.00');
    expect(formatAudioTime(0.46)).toBe('0:00.46');
    expect(formatAudioTime(62.5)).toBe('1:02.50');
    expect(formatAudioTime(59.999)).toBe('1:00.00');
    expect(formatAudioTime(3723.4)).toBe('1:02:03.40');
    expect(formatAudioTime(-1)).toBe('0:00.00');
  });
});

describe('realTimeFactor and engine names', () => {
  it('divides work by audio time', () => {
    expect(realTimeFactor({ seconds: 1, durationSeconds: 4 })).toBe(0.25);
    expect(realTimeFactor({ seconds: 1, durationSeconds: 0 })).toBe(0);
  });
  it('knows its engines', () => {
    expect(isSpeechEngineName('pocketsphinx')).toBe(true);
    expect(isSpeechEngineName('whisper')).toBe(true);
    expect(isSpeechEngineName('vosk')).toBe(false);
  });
});
