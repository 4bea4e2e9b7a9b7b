// Counts a script into a ScriptReport (report.ts). The rules, so that the CLI, the Reports panel
// and a writer counting by hand agree:
//
// - A character is the cue's name without extensions (scenes.ts characterKey), in capitals: BRICK, BRICK (V.O.), BRICK (O.S.)
//   and BRICK (CONT'D) are all BRICK. Dual dialogue gives each of the two speakers their speech.
// - A speech ("line") is one cue with the dialogue under it; it counts once however many paragraphs
//   of dialogue it has.
// - Words are the whitespace-separated words of the dialogue (and lyrics sung under a cue), after
//   inline notes [[…]], boneyard /* … */ and emphasis markers (*, _) are taken out; a word has at
//   least one letter or digit, so a lone dash or ellipsis is not one. Parentheticals don't count.
// - A character's scenes are the scenes where they have a cue (cues before the first heading are in
//   no scene).
// - A location is the heading without its INT./EXT. prefix, inline notes and the time after its last
//   " - " (scenes.ts headingParts): INT. HOUSE - KITCHEN - DAY is at HOUSE - KITCHEN. Locations are grouped ignoring case and
//   extra spaces, and named in capitals.
// - INT, EXT and INT/EXT (also written I/E, INT./EXT., EXT./INT.) are counted from the prefix, as
//   scenes.ts reads it (EST., an establishing shot, is exterior); headings without one are "other".
// - Times are day or night by their words: DAY, MORNING, AFTERNOON, DAWN, SUNRISE, NOON and MIDDAY
//   are day; NIGHT, EVENING, DUSK, SUNSET, TWILIGHT and MIDNIGHT are night; anything else
//   (CONTINUOUS, LATER, MOMENTS LATER, no time, or a time naming both) is other.
import { paginate, type Paper } from './pagination';
import type { ReportCharacter, ReportLocation, ReportScene, ScriptReport } from './report';
import { characterKey, headingParts } from './scenes';
import type { Script } from './script';

/**
 * The report of a script. `pageOf(i)` is the page on which element i (an index into
 * script.elements) lands, and `pages` the page count, both as laid out by the PDF export.
 */
export function buildScriptReport(script: Script, pageOf: (elementIndex: number) => number, pages: number): ScriptReport {
  const scenes: ReportScene[] = [];
  const characters = new Map<string, ReportCharacter & { sceneSet: Set<number> }>();
  const locations = new Map<string, ReportLocation>();
  const intExt = { int: 0, ext: 0, intExt: 0, other: 0 };
  const dayNight = { day: 0, night: 0, other: 0 };

  let scene: ReportScene | null = null;
  let speaker: (ReportCharacter & { sceneSet: Set<number> }) | null = null;

  script.elements.forEach((element, i) => {
    switch (element.type) {
      case 'sceneHeading': {
        speaker = null;
        const parts = headingParts(element.text);
        scene = {
          index: scenes.length + 1,
          number: element.number ?? null,
          heading: element.text,
          intExt: parts.intExt,
          location: parts.location,
          time: parts.time,
          characters: [],
          page: pageOf(i),
        };
        scenes.push(scene);
        if (parts.intExt === 'INT') intExt.int++;
        else if (parts.intExt === 'EXT') intExt.ext++;
        else if (parts.intExt === 'INT/EXT') intExt.intExt++;
        else intExt.other++;
        dayNight[dayOrNight(parts.time)]++;
        const key = normalizeLocation(parts.location);
        if (key) {
          const location = locations.get(key) ?? { name: key, scenes: 0 };
          location.scenes++;
          locations.set(key, location);
        }
        return;
      }
      case 'character': {
        const name = characterKey(element.name).toUpperCase();
        if (!name) {
          speaker = null;
          return;
        }
        speaker = characters.get(name) ?? { name, lines: 0, words: 0, scenes: 0, sceneSet: new Set() };
        characters.set(name, speaker);
        speaker.lines++;
        const current = scene as ReportScene | null;
        if (current) {
          speaker.sceneSet.add(current.index);
          if (!current.characters.includes(name)) current.characters.push(name);
        }
        return;
      }
      case 'dialogue':
      case 'lyrics':
        if (speaker) speaker.words += countWords(element.text);
        return;
      case 'parenthetical':
      case 'note':
      case 'boneyard':
        // Inside a speech: it goes on after these.
        return;
      default:
        speaker = null;
    }
  });

  const characterList = [...characters.values()]
    .map(({ sceneSet, ...c }) => ({ ...c, scenes: sceneSet.size }))
    .sort((a, b) => b.lines - a.lines || b.words - a.words || compareNames(a.name, b.name));
  const locationList = [...locations.values()].sort((a, b) => b.scenes - a.scenes || compareNames(a.name, b.name));

  return {
    title: titleOf(script),
    scenes,
    sceneCount: scenes.length,
    characters: characterList,
    locations: locationList,
    pages,
    intExt,
    dayNight,
  };
}

/** The report of a script with its pages as the PDF export lays it out on `paper`. */
export function scriptReport(script: Script, paper: Paper = 'letter'): ScriptReport {
  const { pageOf, pages } = pagesOfElements(script, paper);
  return buildScriptReport(script, pageOf, pages);
}

/** For each element, the page it starts on (elements that don't print, like notes, take the page of what comes next). */
export function pagesOfElements(script: Script, paper: Paper): { pageOf: (elementIndex: number) => number; pages: number } {
  const { pages } = paginate(script, { paper, sceneNumbers: false });
  const first = new Map<number, number>();
  for (const page of pages) {
    for (const line of page.lines) {
      for (const l of [line, line.right]) {
        if (l?.element !== undefined && !first.has(l.element)) first.set(l.element, page.number);
      }
    }
  }
  const pageOf: number[] = new Array<number>(script.elements.length);
  let next = Math.max(pages.length, 1);
  for (let i = script.elements.length - 1; i >= 0; i--) {
    next = first.get(i) ?? next;
    pageOf[i] = next;
  }
  return { pageOf: (i) => pageOf[i] ?? 1, pages: pages.length };
}

/** Words of dialogue: see the rules at the top of this file. */
export function countWords(text: string): number {
  return plainText(text)
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Text without inline notes, boneyard, emphasis markers and escapes. */
function plainText(text: string): string {
  return text
    .replace(/\[\[[\s\S]*?\]\]/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\\([*_\\])|[*_]/g, (_, escaped: string | undefined) => escaped ?? '');
}

const dayWords = new Set(['DAY', 'MORNING', 'AFTERNOON', 'DAWN', 'SUNRISE', 'NOON', 'MIDDAY', 'DAYTIME']);
const nightWords = new Set(['NIGHT', 'EVENING', 'DUSK', 'SUNSET', 'TWILIGHT', 'MIDNIGHT', 'NIGHTTIME']);

function dayOrNight(time: string | null): 'day' | 'night' | 'other' {
  if (!time) return 'other';
  const words = time.toUpperCase().split(/[^A-Z]+/);
  const day = words.some((w) => dayWords.has(w));
  const night = words.some((w) => nightWords.has(w));
  if (day === night) return 'other';
  return day ? 'day' : 'night';
}

function normalizeLocation(location: string): string {
  return location.replace(/\s+/g, ' ').trim().toUpperCase();
}

function titleOf(script: Script): string | null {
  const entry = script.titlePage.find((e) => e.key.trim().toLowerCase() === 'title');
  if (!entry) return null;
  const title = plainText(entry.value).replace(/\s+/g, ' ').trim();
  return title || null;
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

