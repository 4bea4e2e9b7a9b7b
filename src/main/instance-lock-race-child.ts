// Test helper, run as its own process by instance-lock.test.ts (`node --import tsx`): one Montage
// starter. Waits for "go" on stdin, tries to take the data folder's lock, prints "won" or
// "locked <pid>", and keeps the lock until its stdin closes.
import { createInterface } from 'node:readline';
import { acquireInstanceLock, InstanceLockedError } from './instance-lock';

const dir = process.argv[2] as string;
console.log('ready');
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  try {
    acquireInstanceLock(dir, { shell: 'serve' });
    console.log('won');
  } catch (err) {
    console.log(err instanceof InstanceLockedError ? `locked ${err.holder.pid}` : `error ${String(err)}`);
  }
  lines.once('close', () => process.exit(0));
});
