import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { parseFountain } from '../fountain-parse';
import { writeFountain } from '../fountain-write';
import type { ScriptElement } from '../script';
import { scenesOf } from '../scenes';
import { sceneUnits, splitSceneData, windowsOf, scriptScenes } from './scene-data';
import {
  detokenize,
  draftBodyTokens,
  draftHeaderTokens,
  draftToElements,
  draftTokens,
  outlineToCandidate,
  outlineTokens,
  sceneExamples,
  slotTokens,
  specialTokens,
  tokenizeWords,
  Vocabulary,
} from './scene-tokens';
import { generateSceneScripts } from './synthetic-scenes';

const script = `Title: Test

INT. HARBOUR OFFICE - NIGHT

= Mara finds the letter Jonah hid.

Mara searches the harbour office. Rain on the glass.

MARA
(quietly)
Where is it, Jonah?

JONAH (V.O.)
I don't know what you mean.

EXT. PIER - DAWN

Jonah waits alone.

JONAH
She knows.
`;

/** The Fountain of elements reads back as exactly those elements. */
function roundTrips(elements: ScriptElement[]): boolean {
  const text = writeFountain({ titlePage: [], elements });
  return JSON.stringify(parseFountain(text).script.elements) === JSON.stringify(elements);
}

describe('scene tokens', () => {
  it('tokenises words lower case, keeping contractions and slot markers whole', () => {
    expect(tokenizeWords("Don't go, <c1>! It's the “end”…")).toEqual(["don't", 'go', ',', '<c1>', '!', "it's", 'the', '"', 'end', '"', '...']);
  });

  it('detokenises with spacing, sentence capitals, quotes and slot names', () => {
    const names = (t: string) => (t === '<c1>' ? 'Mara' : null);
    expect(detokenize(['<c1>', 'looks', 'up', '.', 'i', "don't", 'know', ',', 'she', 'says', '.'], names)).toBe("Mara looks up. I don't know, she says.");
    expect(detokenize(['he', 'said', '"', 'no', '"', '.'])).toBe('He said "no".');
    expect(detokenize(['quietly'], names, false)).toBe('quietly');
  });

  it('summarises scenes: heading parts, characters, beat from the synopsis or the first action sentence', () => {
    const scenes = sceneExamples(parseFountain(script));
    expect(scenes).toHaveLength(2);
    expect(scenes[0]).toMatchObject({ intExt: 'INT', location: 'HARBOUR OFFICE', time: 'NIGHT', characters: ['MARA', 'JONAH'], beat: 'Mara finds the letter Jonah hid.' });
    expect(scenes[1]).toMatchObject({ intExt: 'EXT', location: 'PIER', time: 'DAWN', characters: ['JONAH'], beat: 'Jonah waits alone.' });
  });

  it('writes outline chunks with characters as slots numbered within the chunk, and reads a scene back as a candidate', () => {
    const scenes = sceneExamples(parseFountain(script));
    const { tokens, names } = outlineTokens(scenes);
    expect(names).toEqual(['MARA', 'JONAH']);
    expect(tokens.slice(0, 12)).toEqual(['<bos>', '<scene>', '<int>', '<loc>', 'harbour', 'office', '<time>', 'night', '<chars>', '<p1>', '<p2>', '<beat>']);
    expect(tokens[tokens.length - 1]).toBe('<scene>');
    const second = tokens.slice(tokens.indexOf('<scene>', 2) + 1);
    expect(outlineToCandidate(second, names)).toEqual({ heading: 'EXT. PIER - DAWN', intExt: 'EXT', location: 'PIER', time: 'DAWN', characters: ['JONAH'], beat: 'Jonah waits alone.' });
  });

  it('refuses a sampled scene without INT/EXT, location or time', () => {
    expect(outlineToCandidate(['<loc>', 'pier', '<time>', 'day'], [])).toEqual({ invalid: 'no INT/EXT' });
    expect(outlineToCandidate(['<ext>', '<loc>', '<time>', 'day'], [])).toEqual({ invalid: 'no location' });
    expect(outlineToCandidate(['<ext>', '<loc>', 'pier', '<chars>'], [])).toEqual({ invalid: 'no time of day' });
    const candidate = outlineToCandidate(['<intext>', '<loc>', '<p1>', "'s", 'car', '<time>', 'night', '<chars>', '<p1>', '<p7>', '<beat>', '<p1>', 'drives'], ['MARA']);
    expect(candidate).toMatchObject({ heading: "INT./EXT. MARA'S CAR - NIGHT", characters: ['MARA'], beat: 'Mara drives.' });
    expect(parseFountain(`${(candidate as { heading: string }).heading}\n`).script.elements[0]?.type).toBe('sceneHeading');
  });

  it('draft tokens of a scene convert back to the same elements (names through slots, extensions dropped), as valid Fountain', () => {
    const scene = sceneExamples(parseFountain(script))[0]!;
    const tokens = draftTokens(scene);
    expect(tokens.slice(0, 4)).toEqual(['<bos>', '<int>', '<loc>', 'harbour']);
    expect(tokens).toContain('<locslot>');
    expect(tokens.filter((t) => t === '<cue>')).toHaveLength(2);
    const body = tokens.slice(tokens.indexOf('<body>') + 1);
    const conv = draftToElements(body, scene.characters, scene.location);
    expect(conv.elements).toEqual([
      { type: 'action', text: 'Mara searches the harbour office. Rain on the glass.', forced: false },
      { type: 'character', name: 'MARA', forced: false, dual: false },
      { type: 'parenthetical', text: '(quietly)' },
      { type: 'dialogue', text: 'Where is it, Jonah?' },
      { type: 'character', name: 'JONAH', forced: false, dual: false },
      { type: 'dialogue', text: "I don't know what you mean." },
    ]);
    expect(conv).toMatchObject({ cues: 2, knownCues: 2 });
    expect(roundTrips(conv.elements)).toBe(true);
  });

  it('turns any token soup into Fountain that parses back to the elements it meant', () => {
    const vocab = ['<action>', '<cue>', '<paren>', '<dialogue>', '<c1>', '<c2>', '<c5>', '<locslot>', 'the', 'door', '.', 'no', '!', 'int', 'ext', 'day', '(', ')', '>', 'cut', 'to', ':', '#', '=', '~', '@', '!'];
    const rng = createRng(17);
    for (let trial = 0; trial < 300; trial++) {
      const tokens = Array.from({ length: 1 + rng.int(40) }, () => vocab[rng.int(vocab.length)]!);
      const conv = draftToElements(tokens, ['MARA', 'JONAH'], 'KITCHEN');
      for (const el of conv.elements) expect(['action', 'character', 'parenthetical', 'dialogue']).toContain(el.type);
      for (const el of conv.elements) if (el.type === 'character') expect(['MARA', 'JONAH']).toContain(el.name);
      expect(roundTrips(conv.elements)).toBe(true);
      // Only the writer's forcing marks differ from what the tokens meant.
      const meant = conv.elements.map((e) => ({ ...e, forced: false }));
      const read = parseFountain(writeFountain({ titlePage: [], elements: conv.elements })).script.elements.map((e) => ({ ...e, forced: false }));
      expect(read).toEqual(meant);
      expect(conv.knownCues).toBeLessThanOrEqual(conv.cues);
    }
  });

  it('counts cues naming a character outside the scene, and drops them', () => {
    const conv = draftToElements(['<cue>', '<c3>', '<dialogue>', 'hello', '.', '<cue>', '<c1>', '<dialogue>', 'hi', '.'], ['MARA', 'JONAH'], '');
    expect(conv).toMatchObject({ cues: 2, knownCues: 1 });
    expect(conv.elements.map((e) => e.type)).toEqual(['action', 'character', 'dialogue']);
  });

  it('builds a header for a scene to draft and the body of a scene', () => {
    expect(draftHeaderTokens({ intExt: 'EXT', location: 'PIER', time: 'DAY', beat: 'Jonah meets Mara.' }, ['JONAH', 'MARA'])).toEqual(
      ['<bos>', '<ext>', '<loc>', 'pier', '<time>', 'day', '<chars>', '<c1>', '<c2>', '<beat>', '<c1>', 'meets', '<c2>', '.', '<body>'],
    );
    expect(draftBodyTokens([{ type: 'action', text: 'Jonah waits on the pier.', forced: false }], ['JONAH'], 'PIER')).toEqual(['<action>', '<c1>', 'waits', 'on', 'the', '<locslot>', '.', '<end>']);
  });

  it('keeps special and slot tokens first in a vocabulary, then words by frequency', () => {
    const v = Vocabulary.build([['a', 'b', 'a', 'c', 'a', 'b']], specialTokens.length + slotTokens.length + 2);
    expect(v.tokens.slice(0, specialTokens.length)).toEqual([...specialTokens]);
    expect(v.tokens.slice(-2)).toEqual(['a', 'b']);
    expect(v.decode(v.encode(['a', 'zzz']))).toEqual(['a', '<unk>']);
  });
});

describe('scene data', () => {
  const scripts = generateSceneScripts({ seed: 4, scripts: 8 });
  it('splits whole scripts (seeded) and cuts windows of length + 1 tokens', () => {
    const scenes = scriptScenes(scripts);
    const a = splitSceneData(scenes, 0.25, 3);
    const b = splitSceneData(scenes, 0.25, 3);
    expect(a.by).toBe('scripts');
    expect(a.heldOut.draft).toEqual(b.heldOut.draft);
    expect(a.heldOut.draft.length).toBeGreaterThan(0);
    const all = sceneUnits(scenes);
    expect(a.train.draft.length + a.heldOut.draft.length).toBe(all.draft.length);
    const vocab = Vocabulary.build(a.train.draft, 500);
    const w = windowsOf(a.train.draft, vocab, 16, 8);
    expect(w.tokens.length).toBe(w.count * 17);
    expect(w.count).toBeGreaterThan(10);
  });

  it('splits scenes when there are fewer than five scripts', () => {
    const split = splitSceneData(scriptScenes(scripts.slice(0, 2)), 0.2, 1);
    expect(split.by).toBe('units');
    expect(split.heldOut.draft.length).toBeGreaterThan(0);
    expect(split.train.draft.length).toBeGreaterThan(split.heldOut.draft.length);
  });

  it('reads every scene of the synthetic scripts', () => {
    const n = scripts.reduce((sum, s) => sum + scenesOf(parseFountain(s)).length, 0);
    expect(sceneUnits(scriptScenes(scripts)).scenes).toBe(n);
  });
});
