// Builds the training corpus of Montage's shipped music models (MusicVAE melody 2- and 4-bar,
// drums 2-bar) from data we may use, never from the network:
//   mma        chord charts (seeded grooves × keys × tempos × progressions, some with an ARIA
//              melody) rendered by Debian `mma` to multi-track MIDI: drums, bass, chords, arpeggios
//   abc        the permitted public-domain tunes shipped in Debian `abcmidi` (and `abcm2ps`, when
//              installed), split by X:, rendered by abc2midi, transposed to several keys
//   synthetic  seeded synthetic melodies, written as MIDI through @tonejs/midi
// Every MIDI file is read back with importMidi, cut into examples by extractExamples and
// deduplicated across the corpus; the result is melody-2bar.bin, melody-4bar.bin, drums-2bar.bin
// (format: src/shared/music/corpus/corpus-file.ts), manifest.json and CORPUS.md. The same seed
// and tool versions give byte-identical files. A chart or tune that fails to render is counted
// and reported; it never stops the build.
//
//   sudo apt-get install mma abcmidi      (abcm2ps optional: more tunes)
//   npm run corpus:music -- --out DIR [--seed N] [--grooves N] [--keys N] [--synthetic N] [--abc-keys N] [--jobs N]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultMelodyRange, drumClasses, drumCombinationCount, melodyVocabularySize } from '../../src/shared/music/encoding';
import { importMidi, sequenceToMidi } from '../../src/shared/music/midi-convert';
import type { NoteSequence } from '../../src/shared/music/note-sequence';
import { transpose } from '../../src/shared/music/sequence-ops';
import {
  CorpusBuilder,
  encodeCorpusFile,
  grooveNames,
  permittedAbcTunes,
  planCharts,
  splitAbcTunes,
  syntheticMelody,
  writeChart,
  type ChartSpec,
  type CorpusHeader,
} from '../../src/shared/music/corpus';

interface Options {
  out: string;
  seed: number;
  grooves: number | undefined;
  keys: number;
  synthetic: number;
  abcKeys: number;
  jobs: number;
  allowMissing: boolean;
}

const usage = `Usage: npm run corpus:music -- --out DIR [options]
  --out DIR         where to write the corpus (created; work files go to DIR/work)
  --seed N          seed of every random choice (default 1)
  --grooves N       MMA grooves to use, a seeded draw of the 4/4 ones (default: all)
  --keys N          charts per groove, each in another key (default 1)
  --synthetic N     synthetic melodies (default 2000)
  --abc-keys N      transpositions of each ABC tune, 1…12 (default 12)
  --jobs N          mma/abc2midi runs at once (default: CPU count)
  --allow-missing   build without a missing tool's source instead of stopping`;

function parseArgs(argv: string[]): Options {
  const opts: Options = { out: '', seed: 1, grooves: undefined, keys: 1, synthetic: 2000, abcKeys: 12, jobs: Math.max(1, cpus().length), allowMissing: false };
  const int = (name: string, value: string | undefined, min: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`${name} needs a whole number of at least ${min} (got ${value ?? 'nothing'}).`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => argv[++i];
    if (arg === '--out') opts.out = next() ?? '';
    else if (arg === '--seed') opts.seed = int('--seed', next(), 0);
    else if (arg === '--grooves') opts.grooves = int('--grooves', next(), 0);
    else if (arg === '--keys') opts.keys = Math.min(12, int('--keys', next(), 1));
    else if (arg === '--synthetic') opts.synthetic = int('--synthetic', next(), 0);
    else if (arg === '--abc-keys') opts.abcKeys = Math.min(12, int('--abc-keys', next(), 0));
    else if (arg === '--jobs') opts.jobs = int('--jobs', next(), 1);
    else if (arg === '--allow-missing') opts.allowMissing = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`Unknown option ${arg}.\n${usage}`);
  }
  if (!opts.out) throw new Error(`--out DIR is required.\n${usage}`);
  opts.out = resolve(opts.out);
  return opts;
}

/** The tool's version line, or undefined when it is not installed. */
function toolVersion(command: string, args: string[]): string | undefined {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.error) return undefined;
  const text = `${r.stdout}\n${r.stderr}`;
  return (
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => /\d/.test(l) && !/warning/i.test(l))
      ?.replace(command, '')
      .trim() ?? 'unknown version'
  );
}

interface RunResult {
  ok: boolean;
  /** Why it failed, one line. */
  reason?: string;
}

/** Runs a tool and checks that it wrote `output`; never throws. */
function runTool(command: string, args: string[], cwd: string, output: string, timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((done) => {
    let text = '';
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ ok: false, reason: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const errorLine = text
        .split('\n')
        .find((l) => /error/i.test(l))
        ?.trim();
      if (signal) done({ ok: false, reason: `killed by ${signal} (over ${timeoutMs / 1000} s)` });
      else if (code !== 0) done({ ok: false, reason: errorLine ?? `exit code ${code}` });
      else if (!existsSync(output) || statSync(output).size === 0) done({ ok: false, reason: errorLine ?? 'no MIDI file written' });
      else done({ ok: true });
    });
  });
}

/** Runs `tasks` with at most `jobs` at once, results in task order. */
async function pool<T>(tasks: (() => Promise<T>)[], jobs: number, onDone?: (n: number) => void): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await (tasks[i] as () => Promise<T>)();
      onDone?.(++finished);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
  return results;
}

const progress = (label: string, total: number) => (n: number) => {
  if (n === total || n % 100 === 0) process.stdout.write(`\r  ${label}: ${n}/${total}${n === total ? '\n' : ''}`);
};

function mmaLibrary(): string | undefined {
  const candidates = [process.env.MMA_LIBPATH, '/usr/share/mma/lib', '/usr/local/share/mma/lib'].filter((p): p is string => !!p);
  return candidates.find((p) => existsSync(p));
}

/** The 4/4 groove names of every library file, one list per file, in path order. */
function libraryGrooves(lib: string): string[][] {
  const families: string[][] = [];
  for (const dir of readdirSync(lib).sort()) {
    const full = join(lib, dir);
    if (!statSync(full).isDirectory()) continue;
    for (const file of readdirSync(full).sort()) if (file.endsWith('.mma')) families.push(grooveNames(readFileSync(join(full, file), 'latin1'), 4));
  }
  return families.filter((f) => f.length > 0);
}

interface Failure {
  source: string;
  file: string;
  reason: string;
}

const fmtBytes = (n: number) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`);

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const timings: Record<string, number> = {};
  let phaseStart = Date.now();
  const phase = (name: string) => {
    timings[name] = (Date.now() - phaseStart) / 1000;
    phaseStart = Date.now();
  };

  // Tools: a missing one names its Debian package.
  const mmaVersion = toolVersion('mma', ['-v']);
  const abcVersion = toolVersion('abc2midi', ['-ver']);
  const missing: string[] = [];
  if (!mmaVersion) missing.push('mma (Debian package "mma": sudo apt-get install mma)');
  if (!abcVersion) missing.push('abc2midi (Debian package "abcmidi": sudo apt-get install abcmidi)');
  const lib = mmaVersion ? mmaLibrary() : undefined;
  if (mmaVersion && !lib) missing.push('the MMA style library (/usr/share/mma/lib; reinstall the Debian package "mma", or set MMA_LIBPATH)');
  if (missing.length > 0) {
    for (const m of missing) console.error(`Missing: ${m}`);
    if (!opts.allowMissing) {
      console.error('Install the missing packages, or pass --allow-missing to build without their sources.');
      process.exit(2);
    }
  }

  const work = join(opts.out, 'work');
  for (const dir of ['mma', 'abc', 'synthetic']) mkdirSync(join(work, dir), { recursive: true });
  const melody2 = new CorpusBuilder<Int32Array>('melody', 2);
  const melody4 = new CorpusBuilder<Int32Array>('melody', 4);
  const drums2 = new CorpusBuilder<Uint16Array>('drums', 2);
  const builders = [melody2, melody4, drums2] as const;
  const failures: Failure[] = [];
  const fail = (source: string, file: string, reason: string) => {
    failures.push({ source, file, reason });
    for (const b of builders) b.addFailure(source);
  };
  const addSong = (source: string, song: NoteSequence) => {
    for (const b of builders) b.addSong(source, song);
  };
  const importFile = (source: string, path: string): NoteSequence | undefined => {
    try {
      return importMidi(new Uint8Array(readFileSync(path))).sequence;
    } catch (e) {
      fail(source, path, `import: ${(e as Error).message}`);
      return undefined;
    }
  };
  const sourcesInfo: Record<string, unknown> = {};

  // (a) MMA charts.
  let charts: ChartSpec[] = [];
  if (mmaVersion && lib) {
    const families = libraryGrooves(lib);
    const grooves = families.flat();
    const grooveCount = new Set(grooves.map((g) => g.toLowerCase())).size;
    charts = planCharts({ seed: opts.seed, grooves, ...(opts.grooves !== undefined ? { grooveCount: opts.grooves } : {}), keysPerGroove: opts.keys, families });
    console.log(`mma ${mmaVersion}: ${grooveCount} 4/4 grooves in ${lib}; rendering ${charts.length} charts (${opts.keys} keys per groove)`);
    for (const c of charts) writeFileSync(join(work, 'mma', `${c.id}.mma`), writeChart(c));
    const results = await pool(
      charts.map((c) => () => runTool('mma', ['-w', '-xNOCREDIT', `${c.id}.mma`, '-f', `${c.id}.mid`], join(work, 'mma'), join(work, 'mma', `${c.id}.mid`))),
      opts.jobs,
      progress('mma', charts.length),
    );
    phase('mma render');
    results.forEach((r, i) => {
      const c = charts[i] as ChartSpec;
      if (!r.ok) return fail('mma', `${c.id}.mma`, r.reason ?? 'failed');
      const song = importFile('mma', join(work, 'mma', `${c.id}.mid`));
      if (song) addSong('mma', song);
    });
    phase('mma extract');
    sourcesInfo.mma = { tool: `mma ${mmaVersion}`, library: lib, grooves4of4: grooveCount, grooveCount: new Set(charts.map((c) => c.groove)).size, charts: charts.length, withAria: charts.filter((c) => c.aria).length, withFills: charts.filter((c) => c.fill).length, withEndings: charts.filter((c) => c.ending).length };
  }

  // (b) ABC tunes.
  const shifts = [0, 2, -3, 5, -5, 7, -2, 3, -4, 4, -1, 1].slice(0, opts.abcKeys);
  const tunesUsed: { title: string; package: string; origin: string; licence: string; path: string; x: number }[] = [];
  const tunesMissing: string[] = [];
  if (abcVersion && shifts.length > 0) {
    const tasks: { id: string; tune: (typeof permittedAbcTunes)[number] }[] = [];
    for (const tune of permittedAbcTunes) {
      if (!existsSync(tune.path)) {
        tunesMissing.push(`${tune.title} (${tune.path}: install Debian package "${tune.package}")`);
        continue;
      }
      const found = splitAbcTunes(readFileSync(tune.path, 'utf8')).find((t) => t.x === tune.x);
      const id = `${tune.package}-${tune.path.split('/').pop()?.replace(/\.abc$/, '')}-x${tune.x}`;
      if (!found) {
        fail('abc', tune.path, `no tune X:${tune.x} in the file`);
        continue;
      }
      writeFileSync(join(work, 'abc', `${id}.abc`), found.text);
      tasks.push({ id, tune });
    }
    console.log(`abc2midi ${abcVersion}: ${tasks.length} permitted tunes × ${shifts.length} keys${tunesMissing.length ? ` (${tunesMissing.length} not installed)` : ''}`);
    const results = await pool(
      tasks.map(({ id }) => () => runTool('abc2midi', [`${id}.abc`, '-o', `${id}.mid`, '-silent', '-NGUI'], join(work, 'abc'), join(work, 'abc', `${id}.mid`))),
      opts.jobs,
    );
    results.forEach((r, i) => {
      const { id, tune } = tasks[i] as (typeof tasks)[number];
      if (!r.ok) return fail('abc', `${id}.abc`, r.reason ?? 'failed');
      const song = importFile('abc', join(work, 'abc', `${id}.mid`));
      if (!song) return;
      tunesUsed.push({ title: tune.title, package: tune.package, origin: tune.origin, licence: tune.licence, path: tune.path, x: tune.x });
      for (const shift of shifts) addSong('abc', transpose(song, shift));
    });
    phase('abc');
    sourcesInfo.abc = { tool: `abc2midi ${abcVersion}`, tunes: tunesUsed.length, transpositions: shifts, notInstalled: tunesMissing };
  }

  // (c) Synthetic melodies, through MIDI like the rest.
  for (let i = 0; i < opts.synthetic; i++) {
    const { song } = syntheticMelody(opts.seed, i);
    const path = join(work, 'synthetic', `${String(i).padStart(5, '0')}.mid`);
    writeFileSync(path, sequenceToMidi(song));
    const back = importFile('synthetic', path);
    if (back) addSong('synthetic', back);
  }
  if (opts.synthetic > 0) {
    phase('synthetic');
    sourcesInfo.synthetic = { melodies: opts.synthetic, generator: 'src/shared/music/corpus/synthetic-melodies.ts', seed: opts.seed };
  }

  // (d) Corpus files.
  const files: { name: string; header: CorpusHeader; bytes: number }[] = [];
  for (const [name, b] of [
    ['melody-2bar.bin', melody2],
    ['melody-4bar.bin', melody4],
    ['drums-2bar.bin', drums2],
  ] as const) {
    const vocabulary =
      b.kind === 'melody'
        ? { size: melodyVocabularySize(defaultMelodyRange), minPitch: defaultMelodyRange.minPitch, maxPitch: defaultMelodyRange.maxPitch }
        : { size: drumCombinationCount, classes: drumClasses };
    const summary = b.summary();
    const sources = b.sources();
    const bytes = encodeCorpusFile(
      { kind: b.kind, bars: b.bars, vocabulary, seed: opts.seed, summary, sources, meta: { tools: { mma: mmaVersion ?? null, abc2midi: abcVersion ?? null } } },
      b.examples as (Int32Array | Uint16Array)[],
    );
    writeFileSync(join(opts.out, name), bytes);
    const dtype = b.kind === 'melody' ? 'int32' : 'uint16';
    files.push({ name, header: { format: 'montage-music-corpus', version: 1, kind: b.kind, bars: b.bars, steps: b.bars * 16, count: b.examples.length, dtype, vocabulary, seed: opts.seed, summary, sources }, bytes: bytes.length });
  }
  phase('write');

  const options = { seed: opts.seed, grooves: opts.grooves ?? 'all', keys: opts.keys, synthetic: opts.synthetic, abcKeys: opts.abcKeys };
  writeFileSync(
    join(opts.out, 'manifest.json'),
    JSON.stringify({ options, sources: sourcesInfo, corpora: files.map((f) => ({ file: f.name, bytes: f.bytes, ...f.header })), failures, abcTunes: tunesUsed }, null, 2) + '\n',
  );
  writeFileSync(join(opts.out, 'CORPUS.md'), corpusMarkdown({ options, files, failures, tunesUsed, tunesMissing, sourcesInfo, mmaVersion, abcVersion, charts }));
  const total = (Date.now() - started) / 1000;
  writeFileSync(join(opts.out, 'build-log.json'), JSON.stringify({ seconds: total, timings, jobs: opts.jobs }, null, 2) + '\n');

  console.log('');
  for (const f of files) console.log(`${f.name.padEnd(16)} ${String(f.header.count).padStart(7)} examples  ${fmtBytes(f.bytes).padStart(10)}  ${f.header.summary}`);
  for (const f of files)
    for (const [source, s] of Object.entries(f.header.sources))
      console.log(`  ${f.name} ${source}: ${s.examples} from ${s.files - s.failed} files${s.failed ? ` (${s.failed} failed)` : ''}; skipped ${s.skipped.map((k) => `${k.count} ${k.label}`).join(', ') || 'none'}`);
  if (failures.length) console.log(`${failures.length} files failed (see manifest.json); first: ${failures[0]?.file}: ${failures[0]?.reason}`);
  console.log(`Done in ${total.toFixed(1)} s (${Object.entries(timings).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')}) → ${opts.out}`);
}

function corpusMarkdown(input: {
  options: Record<string, unknown>;
  files: { name: string; header: CorpusHeader; bytes: number }[];
  failures: Failure[];
  tunesUsed: { title: string; package: string; origin: string; licence: string; path: string; x: number }[];
  tunesMissing: string[];
  sourcesInfo: Record<string, unknown>;
  mmaVersion: string | undefined;
  abcVersion: string | undefined;
  charts: ChartSpec[];
}): string {
  const { options, files, failures, tunesUsed, tunesMissing, mmaVersion, abcVersion, charts } = input;
  const lines: string[] = [];
  lines.push('# Montage music corpus', '');
  lines.push(`Built by \`scripts/music-corpus/build-corpus.ts\` with options \`${JSON.stringify(options)}\`. Same seed and tool versions, same bytes.`, '');
  lines.push('## Files', '', '| file | examples | steps | values | size | summary |', '|---|---|---|---|---|---|');
  for (const f of files) lines.push(`| ${f.name} | ${f.header.count} | ${f.header.steps} | ${f.header.dtype} | ${fmtBytes(f.bytes)} | ${f.header.summary} |`);
  lines.push('', 'Format: "MTGC", uint32 LE header length, ASCII JSON header (kind, bars, steps, count, dtype, vocabulary, seed, summary, per-source counts), then count × steps little-endian values (src/shared/music/corpus/corpus-file.ts). Melody tokens: 0 no event, 1 note off, 2 + pitch − 48 note on (MIDI 48…83). Drum steps: 9-bit class masks (kick, snare, closed hat, open hat, low/mid/high tom, crash, ride).', '');
  lines.push('## Sources and licences', '');
  lines.push(
    `- **mma** (${mmaVersion ? `mma ${mmaVersion}` : 'not installed'}): ${charts.length} chord charts written by this script (seeded groove × key × tempo × progression, ${charts.filter((c) => c.aria).length} with an MMA ARIA melody track, ${charts.filter((c) => c.fill).length} with fills every 4th bar and ${charts.filter((c) => c.ending).length} with an ending groove from the same style) and rendered by Debian \`mma\` with its style library. mma and its library are GPL-2+ (Bob van der Poel; debian/copyright); the charts and the MIDI they give are this project's own output.`,
  );
  lines.push(
    `- **abc** (${abcVersion ? `abc2midi ${abcVersion}` : 'not installed'}): ${tunesUsed.length} public-domain tunes read from installed Debian packages, rendered by abc2midi (GPL-2+ tool) without guitar-chord accompaniment (-NGUI), each transposed by ${JSON.stringify((input.sourcesInfo.abc as { transpositions?: number[] } | undefined)?.transpositions ?? [])} semitones. The compositions are public domain; the transcription files carry their package's licence (below), which permits this use. Copyrighted songs and feature demos in those packages are not used (src/shared/music/corpus/abc-tunes.ts).`,
  );
  lines.push('- **synthetic**: seeded melodies from src/shared/music/corpus/synthetic-melodies.ts (scale walks, arpeggios, mixed and leaping lines; motifs with repetition and variation; 7 modes, all keys), written as MIDI with @tonejs/midi. Our own output.', '');
  if (tunesUsed.length) {
    lines.push('| tune | music | transcription | file |', '|---|---|---|---|');
    for (const t of tunesUsed) lines.push(`| ${t.title} | ${t.origin} | ${t.licence} | ${t.path} X:${t.x} |`);
    lines.push('');
  }
  if (tunesMissing.length) lines.push(`Not installed, so not used: ${tunesMissing.join('; ')}.`, '');
  lines.push('## Per source', '');
  for (const f of files) {
    lines.push(`### ${f.name}`, '', `${f.header.summary}.`, '', '| source | files | failed | examples | skipped |', '|---|---|---|---|---|');
    for (const [name, s] of Object.entries(f.header.sources)) lines.push(`| ${name} | ${s.files} | ${s.failed} | ${s.examples} | ${s.skipped.map((k) => `${k.count} ${k.label}`).join(', ') || '—'} |`);
    lines.push('');
  }
  if (failures.length) {
    lines.push('## Failures', '');
    for (const f of failures.slice(0, 50)) lines.push(`- ${f.source} ${f.file}: ${f.reason}`);
    if (failures.length > 50) lines.push(`- … and ${failures.length - 50} more (manifest.json)`);
    lines.push('');
  }
  return lines.join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
