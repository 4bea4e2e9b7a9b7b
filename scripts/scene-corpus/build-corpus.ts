// Builds the scene corpus the shipped scene model trains on: seeded synthetic screenplays
// (src/shared/script/generation/synthetic-scenes.ts) whose dialogue and some action come from
// public-domain texts installed on this machine (public-domain-text.ts). Never reads the
// afterwriting samples (their authors' copyright).
//
//   npx tsx scripts/scene-corpus/build-corpus.ts [--scripts 600] [--seed 11] [--out FILE.json]
//
// Writes `{ scripts: [{ name, fountain }], sources: [{ name, licence, lines, prose }], seed }`.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSceneScripts } from '../../src/shared/script/generation/synthetic-scenes';
import { publicDomainSources } from './public-domain-text';

export interface SceneCorpus {
  scripts: { name: string; fountain: string }[];
  sources: { name: string; licence: string; lines: number; prose: number }[];
  missing: string[];
  seed: number;
}

export function buildSceneCorpus(scripts: number, seed: number): SceneCorpus {
  const { sources, missing } = publicDomainSources();
  const lines = sources.flatMap((s) => s.lines);
  const prose = sources.flatMap((s) => s.prose);
  const texts = generateSceneScripts({ seed, scripts, lines, prose });
  return {
    scripts: texts.map((fountain, i) => ({ name: `synthetic-${String(i + 1).padStart(4, '0')}`, fountain })),
    sources: sources.map((s) => ({ name: s.name, licence: s.licence, lines: s.lines.length, prose: s.prose.length })),
    missing,
    seed,
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop() ?? '');
if (isMain) {
  const arg = (name: string, fallback: string): string => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
  };
  const corpus = buildSceneCorpus(Number(arg('scripts', '600')), Number(arg('seed', '11')));
  const out = arg('out', join(tmpdir(), 'montage-scene-corpus.json'));
  writeFileSync(out, JSON.stringify(corpus));
  const scenes = corpus.scripts.reduce((n, s) => n + (s.fountain.match(/^(INT|EXT)\. /gm)?.length ?? 0), 0);
  console.log(`Wrote ${corpus.scripts.length} scripts (${scenes} scenes) to ${out}`);
  for (const s of corpus.sources) console.log(`  ${s.name}: ${s.lines} dialogue lines, ${s.prose} prose sentences (${s.licence})`);
  for (const m of corpus.missing) console.log(`  missing: ${m}`);
}
