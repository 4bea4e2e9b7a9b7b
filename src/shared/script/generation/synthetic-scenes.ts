// A seeded generator of plausible screenplays for the scene drafter's models: a cast of recurring
// characters, a handful of locations revisited, days turning to nights, beats that follow a small
// story arc (a wanted object, a secret, a confrontation, a resolution), and scenes of action and
// dialogue. Dialogue and some action come from sentences the caller gives (public-domain prose and
// drama, see scripts/scene-corpus/); without them a small built-in set is used. The same seed and
// inputs give the same scripts, as Fountain text (written with writeFountain).
import { createRng, type Rng } from '../../random';
import { writeFountain } from '../fountain-write';
import type { ScriptElement } from '../script';

export interface SyntheticSceneOptions {
  seed: number;
  /** Scripts to write. */
  scripts: number;
  /** Scenes per script, inclusive range. Default [8, 18]. */
  scenes?: [number, number];
  /** Sentences to draw dialogue lines from (each 3–30 words reads best). */
  lines?: readonly string[];
  /** Sentences to draw extra action from. */
  prose?: readonly string[];
}

const firstNames = [
  'MARA', 'JONAH', 'ELSA', 'THEO', 'NADIA', 'GREGOR', 'IRIS', 'SAMUEL', 'LENA', 'FELIX', 'RUTH', 'OTTO', 'VERA', 'CALEB', 'ADA', 'HUGO',
  'JUNE', 'MILO', 'ROSA', 'ABEL', 'CLARA', 'SILAS', 'NORA', 'VICTOR', 'EDITH', 'LUCAS', 'HANNAH', 'OSCAR', 'MAUD', 'ELIAS',
];
const titledNames = ['DETECTIVE REYES', 'DR. HALE', 'MRS. PRICE', 'FATHER DOYLE', 'CAPTAIN VOSS', 'OLD TOM', 'SISTER AGNES', 'MR. BRANDT'];

const interiors = [
  'KITCHEN', 'HARBOUR OFFICE', 'HOSPITAL CORRIDOR', 'POLICE STATION', 'BEDROOM', 'LIBRARY', 'DINER', 'BAR', 'CHURCH', 'WAREHOUSE',
  'HOTEL ROOM', 'CLASSROOM', 'TRAIN CARRIAGE', 'CAR', 'LIVING ROOM', 'ATTIC', 'BASEMENT', 'SHOP', 'HALLWAY', 'STUDIO', 'LIGHTHOUSE',
];
const exteriors = [
  'STREET', 'PIER', 'FOREST', 'ROOFTOP', 'CEMETERY', 'BEACH', 'FARMHOUSE', 'PARKING LOT', 'BRIDGE', 'GARDEN', 'TRAIN STATION', 'FIELD',
  'HARBOUR', 'CHURCHYARD', 'MOTEL', 'VILLAGE SQUARE', 'CLIFF PATH', 'RIVERBANK',
];
const times = ['DAY', 'NIGHT', 'MORNING', 'EVENING', 'DAWN', 'DUSK', 'LATER', 'CONTINUOUS'];
const objects = ['letter', 'key', 'photograph', 'money', 'ring', 'map', 'knife', 'diary', 'tape', 'ticket', 'necklace', 'envelope', 'phone', 'gun', 'painting'];
const secrets = ['the debt', 'the affair', 'the accident', 'the fire', 'the will', 'the baby', 'the theft', 'the lie', 'the drowning', 'the deal'];

// Beats by story phase: {A}, {B} characters, {O} the wanted object, {S} the secret, {L} a place.
const beatsByPhase: readonly (readonly string[])[] = [
  [
    '{A} arrives at the {L} looking for work.',
    '{A} finds the {O} hidden under the floorboards.',
    '{A} meets {B} for the first time.',
    '{A} reads the {O} and says nothing.',
    '{A} and {B} argue about money.',
    '{A} returns home after years away.',
    '{B} warns {A} to leave town.',
  ],
  [
    '{A} asks {B} about {S}.',
    '{A} follows {B} to the {L}.',
    '{B} lies to {A} about the {O}.',
    '{A} hides the {O} from {B}.',
    '{A} searches the {L} for the {O}.',
    '{B} offers {A} a deal.',
    '{A} and {B} share a drink and a secret.',
    '{A} discovers that {B} knew about {S}.',
  ],
  [
    '{A} confronts {B} about {S}.',
    '{B} steals the {O} from {A}.',
    '{A} threatens {B}.',
    '{A} chases {B} through the {L}.',
    '{B} tells {A} the truth about {S}.',
    '{A} breaks down in front of {B}.',
    '{A} and {B} fight over the {O}.',
  ],
  [
    '{A} gives the {O} back to {B}.',
    '{A} forgives {B}.',
    '{A} leaves the {L} for good.',
    '{A} burns the {O}.',
    '{B} confesses to {S}.',
    '{A} and {B} say goodbye.',
    '{A} watches the sun come up, alone.',
  ],
];

const openings = [
  '{A} enters the {l}.',
  '{A} sits alone in the {l}.',
  'Rain beats against the windows of the {l}.',
  'The {l} is quiet. {A} waits.',
  '{A} and {B} walk into the {l}.',
  '{A} stands by the door, watching {B}.',
  'A single lamp burns in the {l}.',
  '{A} hurries across the {l}.',
  '{B} is already there when {A} arrives.',
  'Wind moves through the {l}.',
];
const middles = [
  '{A} turns the {O} over in {P} hands.',
  '{B} looks away.',
  '{A} lights a cigarette.',
  '{B} pours two glasses.',
  '{A} puts the {O} on the table.',
  'A long silence.',
  '{B} laughs, but not kindly.',
  '{A} steps closer to {B}.',
  'Somewhere a dog barks.',
  '{B} picks up the {O}.',
  '{A} stares at the floor.',
];
const closings = ['{A} leaves.', '{B} walks out.', '{A} is left alone in the {l}.', 'The door closes behind {B}.', '{A} switches off the light.', '{A} and {B} stand in silence.'];

const questions = [
  'Where is the {O}?',
  'What do you know about {S}?',
  'Why did you come back?',
  'Who told you?',
  'Did you bring the {O}?',
  'How long have you known?',
  'What are you doing here?',
];
const replies = ['I don\'t know.', 'You know what I want.', 'Leave it alone.', 'It was never yours.', 'Not here.', 'Ask {B}.', 'I kept it safe.', 'It doesn\'t matter now.', 'I had no choice.'];
const parentheticals = ['quietly', 'beat', 'angry', 'smiling', 'to {B}', 'under her breath', 'without looking up', 'laughing'];

const builtInLines = [
  'The night is long that never finds the day.',
  'I have seen stranger things than this.',
  'We should not have come here.',
  'Tell me the truth for once.',
  'There is nothing left for us in this town.',
  'You always were a poor liar.',
  'It is later than you think.',
  'Some doors are better left shut.',
];
const builtInProse = ['The clock on the wall has stopped.', 'Dust hangs in the light from the window.', 'Outside, the sea is grey and restless.'];

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(list.length)] as T;

function fill(template: string, v: Record<string, string>): string {
  return template.replace(/\{([A-Za-z])\}/g, (_, k: string) => v[k] ?? '');
}

const title = (key: string): string => key.toLowerCase().replace(/(^|[\s\-.'])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());

/** One line of dialogue from the given sentences, trimmed to a speakable length. */
function line(rng: Rng, lines: readonly string[]): string {
  for (let tries = 0; tries < 4; tries++) {
    const s = pick(rng, lines).replace(/\s+/g, ' ').trim();
    const words = s.split(' ');
    if (words.length >= 3 && words.length <= 30) return s;
  }
  return pick(rng, builtInLines);
}

/** A plausible screenplay as script elements. */
export function syntheticScript(rng: Rng, options: SyntheticSceneOptions): ScriptElement[] {
  const lines = options.lines && options.lines.length > 0 ? options.lines : builtInLines;
  const prose = options.prose && options.prose.length > 0 ? options.prose : builtInProse;
  const [minScenes, maxScenes] = options.scenes ?? [8, 18];
  const castSize = 3 + rng.int(4);
  const cast: string[] = [];
  while (cast.length < castSize) {
    const name = rng.next() < 0.2 ? pick(rng, titledNames) : pick(rng, firstNames);
    if (!cast.includes(name)) cast.push(name);
  }
  const places: { intExt: 'INT' | 'EXT'; location: string }[] = [];
  const placeCount = 4 + rng.int(4);
  while (places.length < placeCount) {
    const ext = rng.next() < 0.35;
    let location = ext ? pick(rng, exteriors) : pick(rng, interiors);
    if (!ext && rng.next() < 0.25) location = `${cast[rng.int(cast.length)]}'S ${pick(rng, ['KITCHEN', 'BEDROOM', 'APARTMENT', 'CAR', 'HOUSE'])}`;
    if (!places.some((p) => p.location === location)) places.push({ intExt: ext ? 'EXT' : 'INT', location });
  }
  const object = pick(rng, objects);
  const secret = pick(rng, secrets);
  const sceneCount = minScenes + rng.int(maxScenes - minScenes + 1);
  const elements: ScriptElement[] = [];
  let place = places[0]!;
  let timeIndex = rng.int(2);
  for (let s = 0; s < sceneCount; s++) {
    const phase = Math.min(3, Math.floor((4 * s) / sceneCount));
    // Mostly a known place; the next scene often follows on in time.
    if (s > 0 && rng.next() < 0.75) place = pick(rng, places);
    const r = rng.next();
    const time = s === 0 ? times[timeIndex]! : r < 0.15 ? 'CONTINUOUS' : r < 0.3 ? 'LATER' : times[(timeIndex = (timeIndex + 1 + rng.int(2)) % 6)]!;
    // The protagonist (cast[0]) in most scenes, with one or two others.
    const present: string[] = [];
    if (rng.next() < 0.75) present.push(cast[0]!);
    const supporting = cast.slice(1);
    const others = Math.min(supporting.length, 1 + rng.int(2));
    for (let added = 0; added < others; ) {
      const c = supporting[rng.int(supporting.length)]!;
      if (!present.includes(c)) {
        present.push(c);
        added++;
      }
    }
    const a = present[0]!;
    const b = present[1] ?? cast.find((c) => c !== a)!;
    const v: Record<string, string> = { A: title(a), B: title(b), O: object, S: secret, L: place.location.toLowerCase(), l: place.location.toLowerCase(), P: rng.next() < 0.5 ? 'her' : 'his' };
    const beat = fill(pick(rng, beatsByPhase[phase]!), v);
    elements.push({ type: 'sceneHeading', text: `${place.intExt}. ${place.location} - ${time}`, forced: false });
    if (rng.next() < 0.5) elements.push({ type: 'synopsis', text: beat });
    const action: string[] = [rng.next() < 0.5 ? beat : fill(pick(rng, openings), v)];
    if (rng.next() < 0.4) action.push(pick(rng, prose).replace(/\s+/g, ' ').trim());
    elements.push({ type: 'action', text: action.join(' '), forced: false });
    const exchanges = present.length > 1 ? 2 + rng.int(6) : rng.int(2);
    for (let k = 0; k < exchanges; k++) {
      const speaker = present.length > 1 ? present[k % present.length]! : a;
      const other = present.find((c) => c !== speaker) ?? b;
      const w = { ...v, B: title(other) };
      elements.push({ type: 'character', name: speaker, forced: false, dual: false });
      if (rng.next() < 0.15) elements.push({ type: 'parenthetical', text: `(${fill(pick(rng, parentheticals), w)})` });
      const text = k === 0 && rng.next() < 0.5 ? fill(pick(rng, questions), w) : k === 1 && rng.next() < 0.4 ? fill(pick(rng, replies), w) : line(rng, lines);
      elements.push({ type: 'dialogue', text });
      if (rng.next() < 0.25) elements.push({ type: 'action', text: fill(pick(rng, middles), { ...v, A: title(speaker), B: title(other) }), forced: false });
    }
    if (rng.next() < 0.5) elements.push({ type: 'action', text: fill(pick(rng, closings), v), forced: false });
  }
  return elements;
}

/** `scripts` synthetic screenplays as Fountain text; the same options give the same texts. */
export function generateSceneScripts(options: SyntheticSceneOptions): string[] {
  const rng = createRng(options.seed);
  const out: string[] = [];
  for (let i = 0; i < options.scripts; i++) out.push(writeFountain({ titlePage: [{ key: 'Title', value: `Synthetic ${i + 1}` }], elements: syntheticScript(rng, options) }));
  return out;
}
