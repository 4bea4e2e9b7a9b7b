// The recordings `montage eval speech` scores an engine on, each with what was said. By default
// the real recordings of Debian's pocketsphinx-testdata: goforward.raw ("go forward ten meters"),
// the five card-game commands of cards/ and the five Sense and Sensibility sentences of librivox/,
// whose transcripts are in the Sphinx format ("<s> ten of clubs </s> (001)"). Or a folder of the
// user's audio files, each with a .txt transcript of the same name beside it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';

export interface SpeechSample {
  /** Shown in reports: the file's path below the set's folder. */
  name: string;
  path: string;
  /** What was said. */
  reference: string;
}

/** Where Debian's pocketsphinx-testdata puts its recordings. */
export const pocketsphinxTestDataDir = '/usr/share/pocketsphinx/test/data';
export const testDataInstallHint = 'apt-get install pocketsphinx-testdata';

/** Utterance id → words, from a Sphinx transcription file: "<s> words </s> (id)" per line. */
export function parseSphinxTranscription(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^(.*)\(([^()]+)\)\s*$/.exec(line.trim());
    if (!m) continue;
    const words = (m[1] as string).replace(/<\/?s>/g, ' ').replace(/\s+/g, ' ').trim();
    out.set((m[2] as string).trim(), words);
  }
  return out;
}

function sphinxSet(dir: string, folder: string, transcription: string): SpeechSample[] {
  const file = join(dir, folder, transcription);
  if (!existsSync(file)) return [];
  const samples: SpeechSample[] = [];
  for (const [id, reference] of parseSphinxTranscription(readFileSync(file, 'utf8'))) {
    const path = join(dir, folder, `${id}.wav`);
    if (existsSync(path)) samples.push({ name: `${folder}/${id}.wav`, path, reference });
  }
  return samples;
}

/** The pocketsphinx test recordings that have transcripts; empty when the package is not installed. */
export function pocketsphinxTestSet(dir = pocketsphinxTestDataDir): SpeechSample[] {
  const samples: SpeechSample[] = [];
  const goforward = join(dir, 'goforward.raw');
  if (existsSync(goforward)) samples.push({ name: 'goforward.raw', path: goforward, reference: 'go forward ten meters' });
  samples.push(...sphinxSet(dir, 'cards', 'cards.transcription'));
  samples.push(...sphinxSet(dir, 'librivox', 'transcription'));
  return samples;
}

const audioExtensions = new Set(['.wav', '.mp3', '.ogg', '.oga', '.flac', '.raw']);

/** The audio files of `dir` with a FILE.txt (or FILE.ext.txt) transcript, and those without one. */
export function folderTestSet(dir: string): { samples: SpeechSample[]; withoutTranscript: string[] } {
  const samples: SpeechSample[] = [];
  const withoutTranscript: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (!audioExtensions.has(extname(name).toLowerCase()) || !statSync(path).isFile()) continue;
    const transcript = [join(dir, `${basename(name, extname(name))}.txt`), `${path}.txt`].find((t) => existsSync(t));
    if (!transcript) {
      withoutTranscript.push(name);
      continue;
    }
    samples.push({ name, path, reference: readFileSync(transcript, 'utf8').trim() });
  }
  return { samples, withoutTranscript };
}
