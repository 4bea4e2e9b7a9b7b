// `npm start`: build what is stale, then open Montage (Electron window, or serve mode).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const built = run([join(root, 'scripts', 'build.mjs'), '--if-stale']);
if (built !== 0) process.exit(built);
process.exit(run([join(root, 'dist', 'cli', 'montage.js'), 'start', ...process.argv.slice(2)]));
