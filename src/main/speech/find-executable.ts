// Where a program would be found on the PATH, without running it and without a shell: a status
// check must say "not installed" before anything is spawned.
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

const isExecutableFile = (path: string): boolean => {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The absolute path of `name` (searched on `PATH`; a path with a slash is checked as it is), or null. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (isAbsolute(name) || name.includes('/')) return isExecutableFile(name) ? name : null;
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const ext of extensions) {
      const candidate = join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return null;
}
