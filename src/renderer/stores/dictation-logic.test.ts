import { describe, expect, it } from 'vitest';
import { StudioError } from '../../shared/api/errors';
import { formatListenTime, hostProblem, microphoneProblem, silenceProblem } from './dictation-logic';

describe('listening problems', () => {
  it('names the microphone’s refusals', () => {
    expect(microphoneProblem('NotAllowedError').kind).toBe('denied');
    expect(microphoneProblem('NotFoundError')).toMatchObject({ kind: 'no-microphone', message: expect.stringMatching(/^No microphone was found/) });
    expect(microphoneProblem('NotReadableError').kind).toBe('busy');
    expect(microphoneProblem('unsupported').kind).toBe('unsupported');
    expect(microphoneProblem('TypeError', 'bad constraints')).toEqual({ kind: 'failed', message: 'The microphone could not be opened (bad constraints).' });
  });

  it('splits what to install off an engine the host cannot run', () => {
    const err = new StudioError('unavailable', 'pocketsphinx is not installed (no pocketsphinx_continuous on the PATH). Install: apt-get install pocketsphinx pocketsphinx-en-us');
    expect(hostProblem(err)).toEqual({
      kind: 'unavailable',
      message: 'pocketsphinx is not installed (no pocketsphinx_continuous on the PATH).',
      installHint: 'apt-get install pocketsphinx pocketsphinx-en-us',
    });
    expect(hostProblem(new StudioError('unavailable', 'whisper is not wired in yet.'))).toEqual({ kind: 'unavailable', message: 'whisper is not wired in yet.' });
    expect(hostProblem(new StudioError('not-found', 'That dictation is not open any more.'))).toEqual({ kind: 'failed', message: 'That dictation is not open any more.' });
  });

  it('says silence and times', () => {
    expect(silenceProblem('No speech was recognised in the 3.0 s of audio.').message).toMatch(/^Nothing was heard\. No speech was recognised in the 3\.0 s/);
    expect(formatListenTime(75.4)).toBe('1:15');
  });
});
