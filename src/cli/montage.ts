#!/usr/bin/env node
// The `montage` command: the same host and services as the app, without a UI.
import { parseArgs } from 'node:util';
import { mlBackendNames } from '../shared/api';
import { appVersion } from '../main/host';
import { doctorCommand } from './doctor-command';
import { evalCommand } from './eval-command';
import { exportCommand } from './export-command';
import { generateCommand } from './generate-command';
import { importCommand } from './import-command';
import { modelsCommand } from './models-command';
import { projectsCommand } from './projects-command';
import { restoreCommand } from './restore-command';
import { scriptCommand } from './script-command';
import { historyCommand } from './history-command';
import { serveCommand } from './serve-command';
import { startCommand } from './start-command';
import { tagCommand } from './tag-command';
import { trainCommand } from './train-command';
import { transcribeCommand } from './transcribe-command';

const usage = `Usage: montage <command> [options]

Commands:
  start                 open the studio (Electron window, or serve mode where Electron is missing)
  serve [--port N] [--open]
                        run the studio for a browser on 127.0.0.1 (prints a link with an access token)
  doctor [--steps N] [--backend B] [--json]
                        report versions and ML backend, and run a short training benchmark
  projects list [--json] [--limit N] [--offset N]
                        list projects (read-only; works beside a running Montage)
  projects create NAME [--json]
                        create a project (through the running Montage, if one is)
  import FILE… [--project NAME] [--json]
                        import MIDI files (.mid, .midi) as songs, .fountain and .fdx files as
                        scripts, and WAV, MP3, OGG or FLAC files as audio of a project (made if
                        missing; default name: the first file's)
  export PROJECT [--format mid|wav] [--song NAME] [--out FILE] [--force] [--json]
         [--start-bar N] [--end-bar M]
                        write a song of a project (name or id) as a MIDI file (default <song>.mid
                        here), or render it to WAV with the app's instruments (<song>.wav: 44.1 kHz
                        16-bit stereo, the whole song or bars N to M, plus a 2 s tail)
  export PROJECT --format fountain|pdf|fdx [--script NAME] [--paper letter|a4] [--scene-numbers]
         [--out FILE] [--force] [--json]
                        write a script of a project as Fountain, a PDF in screenplay layout
                        (Courier 12 pt, US Letter or A4) or Final Draft XML
  script report FILE|PROJECT [--script NAME] [--paper letter|a4] [--json]
                        a script's scenes, characters (lines, words), locations, pages and
                        INT/EXT and DAY/NIGHT counts; FILE is a .fountain or .fdx file
  models [list] [--json]
                        list the music models (name, kind, config, origin, created, key metrics;
                        read-only). --json prints {"models": [{id, name, kind, …}]}
  models delete NAME|ID [--json]
                        delete a model trained here and its files (shipped models cannot be deleted)
  generate --model NAME|ID [--n 8] [--temperature T] [--seed S] [--key C:major] [--density D]
           --out DIR [--force] [--json]
                        write N variations (1–32) from a music model as MIDI files
                        DIR/variation-01.mid …; --key/--density prefer variations in that key
                        (melodies) and near D notes per bar. --json prints {model, kind, files, ms}
           [--bars N]   N-bar variations: shorter than the model's are cut, longer (up to 16
                        more) are continued by the model's continuation companion
           --continue FILE.mid [--bars N]
                        continue the file's first melody (drum model: drum) track by N bars
                        (1–16, default 2), --n files DIR/continuation-01.mid …, each the track
                        followed by one continuation. --json prints {model, kind, seed, source,
                        files, ms}
  train music --data DIR|FILE… --config melody-2bar|melody-4bar|drums-2bar [--steps N]
              [--name NAME] [--seed N] [--json]
                        train a music model on your MIDI files (folders are read for .mid/.midi)
                        and register it (origin trained); says how many examples were found and
                        why others were skipped. --json prints {modelId, name, config, examples,
                        heldOut, skipped, lossFirst, lossLast, accuracyHeldOut, steps, seconds}
  train scenes --data DIR|FILE… [--steps N] [--name NAME] [--seed N] [--json]
                        train a scene model (the scene writer's next-scene and draft models) on
                        your .fountain/.fdx scripts (folders are read) and register it
  eval music [--model NAME|ID] [--n 128] [--seed S] [--temperature T] [--data DIR|FILE…] [--json]
                        score a music model (every shipped one without --model): MGEval/MuseGAN
                        figures of N generated examples against held-out real ones (kept with the
                        model, or extracted from --data MIDI files): pitch classes, range, UPC,
                        density, inter-onset intervals, EB, QN, in-scale, DP, with overlap and KL;
                        VAE reconstruction accuracy; in-scale rate and density reached when asked.
                        --json prints the same numbers as one object
  eval scenes [--model NAME|ID] [--n 32] [--seed S] [--temperature T] [--json]
                        score a scene model (every shipped one without --model) on the held-out
                        scenes kept with it: perplexity of the draft and next-scene models,
                        valid-heading rate of next-scene proposals, character consistency and
                        distinct-1/2 of drafts
  history list [--type TYPE[,TYPE…]] [--project ID] [--limit N] [--json]
                        the local event log, newest first (opened, played, kept, exported …);
                        --json prints {events: [...]}
  history status|pause|resume|clear [--json]
                        how many events and whether recording is on; pause or resume recording;
                        delete every event. Nothing in the history leaves this machine
  eval recommend [--data FILE] [--format movielens-csv|udata|csv --user COL --item COL --time COL]
                 [--models popularity,itemknn,als,bpr,ease,neumf] [--seed N] [--json]
                        compare the recommenders, leave-one-out: each user's latest item ranked
                        among 99 sampled negatives (HR@10, NDCG@10, fit time), on an interactions
                        file (MovieLens ratings.csv or u.data, or a CSV with a column mapping,
                        separated by commas, semicolons, tabs or bars as its header shows) or
                        on the local history (its sessions and projects as users). --json prints
                        {protocol, rows, import?}
  transcribe FILE [--engine pocketsphinx|whisper] [--json]
                        the words of a recording (WAV, MP3, OGG, FLAC) with their times, recognised
                        offline; a line per phrase. --json prints {file, engine, durationSeconds,
                        seconds, realTimeFactor, words: [{word, start, end, confidence}], text}
  eval speech [--data DIR] [--engine pocketsphinx|whisper] [--json]
                        word error rate and real-time factor of a speech engine per file and
                        overall, on pocketsphinx's test recordings or on DIR's audio files, each
                        with a .txt transcript beside it
  tag IMAGE… [--min-score 0.3] [--json]
                        the objects in JPEG and PNG photos (80 COCO classes), found offline: a
                        line per object with its score and box (x, y, width, height in pixels).
                        --json prints {images: [{file, width, height, seconds, tags: [{label,
                        score, box}]} | {file, error}]}; a file that cannot be read fails alone
  eval images [--data DIR] [--json]
                        object recall and precision on the darknet sample photos, time per image,
                        and leave-one-out accuracy of custom categories (k-NN, dense head)
  restore-backup [--force] [--json]
                        replace a damaged database with its newest good backup (the old file is kept)
  help, --version

Options for all: --data-dir DIR (default: MONTAGE_HOME, else the user data folder)
One Montage runs per data folder: a second \`serve\` prints the running one's link and exits;
commands that write talk to the running one. Exit codes: 0 ok, 1 failed, 2 bad usage.`;

function fail(message: string): never {
  console.error(`montage: ${message}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  let values: Record<string, string | boolean | string[] | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        port: { type: 'string' },
        open: { type: 'boolean' },
        steps: { type: 'string' },
        backend: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
        limit: { type: 'string' },
        offset: { type: 'string' },
        force: { type: 'boolean' },
        project: { type: 'string' },
        song: { type: 'string' },
        out: { type: 'string' },
        format: { type: 'string' },
        'start-bar': { type: 'string' },
        'end-bar': { type: 'string' },
        model: { type: 'string' },
        n: { type: 'string' },
        temperature: { type: 'string' },
        seed: { type: 'string' },
        key: { type: 'string' },
        density: { type: 'string' },
        continue: { type: 'string' },
        bars: { type: 'string' },
        data: { type: 'string', multiple: true },
        config: { type: 'string' },
        name: { type: 'string' },
        script: { type: 'string' },
        paper: { type: 'string' },
        'scene-numbers': { type: 'boolean' },
        type: { type: 'string' },
        user: { type: 'string' },
        item: { type: 'string' },
        time: { type: 'string' },
        models: { type: 'string' },
        'min-score': { type: 'string' },
        engine: { type: 'string' },
      },
      strict: true,
    }));
  } catch (err) {
    fail(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
  }
  const dataDir = values['data-dir'] as string | undefined;
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
    return n;
  };
  // Only `projects`, `models`, `import`, `export`, `train` and `eval` take positional arguments.
  if (!['projects', 'models', 'import', 'export', 'train', 'eval', 'script', 'history', 'transcribe', 'tag'].includes(command) && positionals.length > 0) fail(`unexpected argument "${positionals[0]}"\n\n${usage}`);
  const str = (name: string): string | undefined => values[name] as string | undefined;
  switch (command) {
    case 'import':
      return importCommand(positionals, { project: str('project'), json: Boolean(values.json), dataDir });
    case 'export':
      return exportCommand(positionals, {
        format: str('format'),
        song: str('song'),
        out: str('out'),
        force: Boolean(values.force),
        json: Boolean(values.json),
        dataDir,
        startBar: int('start-bar', 1, 1_000_000),
        endBar: int('end-bar', 1, 1_000_000),
        script: str('script'),
        paper: str('paper'),
        sceneNumbers: Boolean(values['scene-numbers']),
      });
    case 'script': {
      const [sub, ...args] = positionals;
      return scriptCommand(sub, args, { script: str('script'), paper: str('paper'), json: Boolean(values.json), dataDir });
    }
    case 'projects': {
      const [sub, ...args] = positionals;
      return projectsCommand(sub, args, { json: Boolean(values.json), dataDir, limit: int('limit', 1, 1_000_000), offset: int('offset', 0, 1_000_000_000) });
    }
    case 'history': {
      const [sub, ...args] = positionals;
      return historyCommand(sub, args, { json: Boolean(values.json), dataDir, limit: int('limit', 1, 1000), type: str('type'), project: str('project') });
    }
    case 'models': {
      const [sub, ...args] = positionals;
      return modelsCommand(sub, args, { json: Boolean(values.json), dataDir });
    }
    case 'generate':
      return generateCommand({
        model: str('model'),
        n: str('n'),
        temperature: str('temperature'),
        seed: str('seed'),
        key: str('key'),
        density: str('density'),
        continue: str('continue'),
        bars: str('bars'),
        out: str('out'),
        force: Boolean(values.force),
        json: Boolean(values.json),
        dataDir,
      });
    case 'train': {
      const [sub, ...paths] = positionals;
      return trainCommand(sub, paths, {
        data: (values.data as string[] | undefined) ?? [],
        config: str('config'),
        steps: str('steps'),
        name: str('name'),
        seed: str('seed'),
        json: Boolean(values.json),
        dataDir,
      });
    }
    case 'eval': {
      const [sub, ...paths] = positionals;
      return evalCommand(sub, paths, {
        model: str('model'),
        format: str('format'),
        user: str('user'),
        item: str('item'),
        time: str('time'),
        models: str('models'),
        engine: str('engine'),
        n: str('n'),
        seed: str('seed'),
        temperature: str('temperature'),
        data: (values.data as string[] | undefined) ?? [],
        json: Boolean(values.json),
        dataDir,
      });
    }
    case 'transcribe':
      return transcribeCommand(positionals, { engine: str('engine'), json: Boolean(values.json), dataDir });
    case 'tag':
      return tagCommand(positionals, { minScore: str('min-score'), json: Boolean(values.json) });
    case 'start':
      await startCommand();
      return -1;
    case 'serve':
      await serveCommand({ port: int('port', 0, 65535), open: Boolean(values.open), dataDir });
      return -1;
    case 'doctor': {
      const backend = values.backend as string | undefined;
      if (backend !== undefined && !(mlBackendNames as readonly string[]).includes(backend)) {
        fail(`--backend must be one of ${mlBackendNames.join(', ')}`);
      }
      return doctorCommand({ steps: int('steps', 2, 5000), backend: backend as (typeof mlBackendNames)[number] | undefined, json: Boolean(values.json), dataDir });
    }
    case 'restore-backup':
      return restoreCommand({ json: Boolean(values.json), force: Boolean(values.force), dataDir });
    case '--version':
    case 'version':
      console.log(appVersion());
      return 0;
    case 'help':
    case '--help':
    case '-h':
      console.log(usage);
      return 0;
    default:
      fail(`unknown command "${command}"\n\n${usage}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    console.error(`montage: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
