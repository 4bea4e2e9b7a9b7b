import { describe, expect, it } from 'vitest';
import { lastLoggedError, parsePocketsphinxOutput, parseTimedLine, wordOfToken } from './pocketsphinx-output';

// Captured from `pocketsphinx_continuous -infile F -time yes -logfn /dev/null` (Debian
// 0.8+5prealpha): goforward.raw, then the first two utterances of the librivox recordings joined
// with a second of silence between them (times run on across utterances).
const goforward = `go forward ten meters
<s> 0.000 0.240 1.000000
<sil> 0.250 0.450 0.706282
go 0.460 0.630 0.997303
forward 0.640 1.160 0.996207
ten 1.170 1.520 0.243981
meters 1.530 2.110 0.806360
</s> 2.120 2.600 1.000000
`;
const librivox = `and mr john guess what and then at leisure to consider
<s> 0.000 0.140 0.999400
and(2) 0.150 0.360 0.260057
mr 0.370 0.620 0.988762
john 0.630 1.000 0.929128
guess 1.010 1.330 0.671967
what 1.340 1.580 0.581373
and(2) 1.590 1.830 0.170673
then 1.840 2.110 0.539576
at 2.120 2.250 0.051112
leisure(2) 2.260 2.710 0.454575
to 2.720 2.890 0.458456
consider 2.900 3.440 0.999700
</s> 3.450 3.600 1.000000
he was not until this blows young man
<s> 8.230 8.320 0.999400
he 8.330 8.430 0.999000
was(2) 8.440 8.660 0.999500
not 8.670 9.080 0.996904
<sil> 9.090 9.230 0.592822
until 9.240 9.580 0.365819
this 9.590 9.780 0.028294
blows 9.790 10.150 0.017324
young 10.160 10.440 0.507998
man 10.450 10.840 0.999800
</s> 10.850 11.210 1.000000
`;

describe('parsePocketsphinxOutput', () => {
  it('reads the words of goforward.raw with their times and confidences, fillers left out', () => {
    expect(parsePocketsphinxOutput(goforward)).toEqual([
      { word: 'go', start: 0.46, end: 0.63, confidence: 0.9973 },
      { word: 'forward', start: 0.64, end: 1.16, confidence: 0.9962 },
      { word: 'ten', start: 1.17, end: 1.52, confidence: 0.244 },
      { word: 'meters', start: 1.53, end: 2.11, confidence: 0.8064 },
    ]);
  });

  it('drops pronunciation marks and keeps times across utterances', () => {
    const words = parsePocketsphinxOutput(librivox);
    expect(words.map((w) => w.word).join(' ')).toBe('and mr john guess what and then at leisure to consider he was not until this blows young man');
    expect(words.find((w) => w.word === 'leisure')).toEqual({ word: 'leisure', start: 2.26, end: 2.71, confidence: 0.4546 });
    expect(words[11]).toMatchObject({ word: 'he', start: 8.33 });
    expect(words.every((w, i) => i === 0 || w.start >= (words[i - 1]?.end ?? 0))).toBe(true);
  });

  it('gives no words for silence (no output) or a blank hypothesis', () => {
    expect(parsePocketsphinxOutput('')).toEqual([]);
    expect(parsePocketsphinxOutput('\n<s> 0.000 0.300 1.000000\n<sil> 0.310 1.000 0.9\n</s> 1.010 1.200 1.000000\n')).toEqual([]);
  });

  it('handles Windows line ends', () => {
    expect(parsePocketsphinxOutput(goforward.replace(/\n/g, '\r\n')).length).toBe(4);
  });
});

describe('the pieces', () => {
  it('tells segment lines from hypothesis lines', () => {
    expect(parseTimedLine('forward 0.640 1.160 0.996207')).toEqual({ token: 'forward', start: 0.64, end: 1.16, posterior: 0.996207 });
    expect(parseTimedLine('go forward ten meters')).toBeNull();
    expect(parseTimedLine('he was not')).toBeNull();
    expect(parseTimedLine('')).toBeNull();
    expect(parseTimedLine('x 1.0 2.0 1e-05')).toMatchObject({ posterior: 0.00001 });
  });

  it('knows fillers from words', () => {
    for (const filler of ['<s>', '</s>', '<sil>', '[NOISE]', '++NOISE++', '+BREATH+']) expect(wordOfToken(filler)).toBeNull();
    expect(wordOfToken('been(2)')).toBe('been');
    expect(wordOfToken("i've")).toBe("i've");
  });

  it('finds the reason in a pocketsphinx log', () => {
    const log = [
      'INFO: pocketsphinx.c(152): Parsed model-specific feature parameters',
      'ERROR: "acmod.c", line 78: Folder \'/nope\' does not contain acoustic model definition \'mdef\'',
      'INFO: x',
    ].join('\n');
    expect(lastLoggedError(log)).toEqual({ message: "Folder '/nope' does not contain acoustic model definition 'mdef'", source: 'acmod.c' });
    expect(lastLoggedError('FATAL: "mdef.c", line 537: Version error: Expecing 0.3, but read x\n')).toEqual({ message: 'Version error: Expecing 0.3, but read x', source: 'mdef.c' });
    expect(lastLoggedError('FATAL: "continuous.c", line 157: Failed to open file \'x.wav\' for reading: No such file or directory\n')).toEqual({
      message: "Failed to open file 'x.wav' for reading: No such file or directory",
      source: 'continuous.c',
    });
    expect(lastLoggedError('ERROR: something odd\n')).toEqual({ message: 'something odd', source: null });
    expect(lastLoggedError('INFO: all good\n')).toBeNull();
  });
});
