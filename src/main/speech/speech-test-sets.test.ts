import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderTestSet, parseSphinxTranscription, pocketsphinxTestSet } from './speech-test-sets';

describe('parseSphinxTranscription', () => {
  it('reads "<s> words </s> (id)" lines (cards.transcription as shipped)', () => {
    const text = '<s> ten of clubs  </s> (001)\n<s> four queen of clubs  </s> (002)\n\nnot a transcript line\n';
    expect([...parseSphinxTranscription(text)]).toEqual([
      ['001', 'ten of clubs'],
      ['002', 'four queen of clubs'],
    ]);
  });
  it('takes lines without sentence marks too', () => {
    expect(parseSphinxTranscription('he was not an ill disposed young man (s-0880)\r\n').get('s-0880')).toBe('he was not an ill disposed young man');
  });
});

describe('test sets on disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'montage-speech-set-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('builds the pocketsphinx set from its layout, leaving out ids without a recording', () => {
    writeFileSync(join(dir, 'goforward.raw'), Buffer.alloc(4));
    mkdirSync(join(dir, 'cards'));
    writeFileSync(join(dir, 'cards', 'cards.transcription'), '<s> ten of clubs </s> (001)\n<s> five five </s> (004)\n');
    writeFileSync(join(dir, 'cards', '001.wav'), 'x');
    expect(pocketsphinxTestSet(dir)).toEqual([
      { name: 'goforward.raw', path: join(dir, 'goforward.raw'), reference: 'go forward ten meters' },
      { name: 'cards/001.wav', path: join(dir, 'cards', '001.wav'), reference: 'ten of clubs' },
    ]);
    expect(pocketsphinxTestSet(join(dir, 'missing'))).toEqual([]);
  });

  it('pairs audio files with their .txt transcripts and lists those without', () => {
    for (const f of ['a.wav', 'b.mp3', 'c.wav', 'notes.md']) writeFileSync(join(dir, f), 'x');
    writeFileSync(join(dir, 'a.txt'), 'Hello there.\n');
    writeFileSync(join(dir, 'b.mp3.txt'), 'second take');
    expect(folderTestSet(dir)).toEqual({
      samples: [
        { name: 'a.wav', path: join(dir, 'a.wav'), reference: 'Hello there.' },
        { name: 'b.mp3', path: join(dir, 'b.mp3'), reference: 'second take' },
      ],
      withoutTranscript: ['c.wav'],
    });
  });
});
