import { describe, expect, it } from 'vitest';
import { matchVoiceCommand, voiceCommandIds, voiceCommands, voiceCommandVocabulary } from './voice-commands';
import { normaliseWords } from './word-error-rate';

const idOf = (text: string): string | null => matchVoiceCommand(text)?.command.id ?? null;

describe('matchVoiceCommand', () => {
  it('maps the keywords to their commands', () => {
    expect(idOf('play')).toBe('play');
    expect(idOf('stop')).toBe('stop');
    expect(idOf('record')).toBe('record');
    expect(idOf('generate')).toBe('generate');
    expect(idOf('undo')).toBe('undo');
    expect(idOf('redo')).toBe('redo');
    expect(idOf('next scene')).toBe('next-scene');
    expect(idOf('previous scene')).toBe('previous-scene');
    expect(idOf('save')).toBe('save');
  });

  it('ignores case, punctuation and polite filler around a phrase', () => {
    expect(idOf('Play.')).toBe('play');
    expect(idOf('please stop')).toBe('stop');
    expect(idOf('Okay Montage, undo that!')).toBe('undo');
    expect(idOf('go to the next scene please')).toBe('next-scene');
    expect(idOf('from the top')).toBe('to-start');
    expect(matchVoiceCommand('  Next   SCENE ')).toMatchObject({ heard: 'next scene' });
  });

  it('does not fire on dictation that merely contains a keyword', () => {
    expect(idOf('play the guitar part louder in the bridge')).toBeNull();
    expect(idOf('she said stop and left the room')).toBeNull();
    expect(idOf('go forward ten meters')).toBeNull();
    expect(idOf('')).toBeNull();
    expect(idOf('please')).toBeNull();
    expect(idOf('the')).toBeNull();
  });

  it('names real registry commands for the transport and undo', () => {
    expect(matchVoiceCommand('play')?.command.registryIds).toEqual(['transport.playStop', 'audio.playPause']);
    expect(matchVoiceCommand('undo')?.command.registryIds).toEqual(['song.undo', 'script.undo', 'edit.undo']);
    expect(matchVoiceCommand('next scene')?.command.registryIds).toEqual(['script.nextScene']);
  });
});

describe('the grammar', () => {
  it('has one entry per id and no phrase claimed twice', () => {
    expect(voiceCommands.map((c) => c.id)).toEqual([...voiceCommandIds]);
    const seen = new Map<string, string>();
    for (const c of voiceCommands) {
      for (const p of c.phrases) {
        expect(normaliseWords(p).join(' ')).toBe(p);
        expect(seen.get(p), `"${p}" is claimed by ${seen.get(p)} and ${c.id}`).toBeUndefined();
        seen.set(p, c.id);
        // Every phrase matches its own command.
        expect(idOf(p)).toBe(c.id);
      }
    }
  });

  it('lists its vocabulary, sorted and without repeats', () => {
    const words = voiceCommandVocabulary();
    expect(words).toEqual([...new Set(words)].sort());
    expect(words).toEqual(expect.arrayContaining(['play', 'stop', 'next', 'scene', 'please']));
  });
});
