#!/usr/bin/env node
// The `montage` command: the same host and services as the app, without a UI.
import { parseArgs } from 'node:util';
import { mlBackendNames } from '../shared/api';
import { appVersion } from '../main/host';
import { doctorCommand } from './doctor-command';
import { serveCommand } from './serve-command';
import { startCommand } from './start-command';

const usage = `Usage: montage <command> [options]

Commands:
  start                 open the studio (Electron window, or serve mode where Electron is missing)
  serve [--port N] [--open]
                        run the studio for a browser on 127.0.0.1 (prints a link with an access token)
  doctor [--steps N] [--backend B] [--json]
                        report versions and ML backend, and run a short training benchmark
  help, --version

Options for all: --data-dir DIR (default: MONTAGE_HOME, else the user data folder)`;

function fail(message: string): never {
  console.error(`montage: ${message}`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  const [command = 'help', ...rest] = argv;
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        port: { type: 'string' },
        open: { type: 'boolean' },
        steps: { type: 'string' },
        backend: { type: 'string' },
        json: { type: 'boolean' },
        'data-dir': { type: 'string' },
      },
      strict: true,
    }).values;
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
  switch (command) {
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
