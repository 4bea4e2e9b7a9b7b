// The child processes of this test process that still run, by program name (Linux: /proc), to
// check that a cancelled tool was really killed.
import { readdirSync, readFileSync } from 'node:fs';

export function runningChildren(namePrefix: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const ppid = Number(stat.slice(close + 2).split(' ')[1]);
      if (ppid === process.pid && comm.startsWith(namePrefix)) pids.push(Number(name));
    } catch {
      // Gone while listing.
    }
  }
  return pids;
}
