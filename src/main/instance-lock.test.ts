import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireInstanceLock, InstanceLockedError, lockFileName, readInstanceLock, type InstanceLock, type LockHolder } from './instance-lock';
import { tempHome } from './test/temp-home';

const stale = (over: Partial<LockHolder> = {}): LockHolder => ({
  pid: deadPid(),
  shell: 'serve',
  startedAt: 1,
  hostname: hostname(),
  nonce: 'stale-nonce',
  port: 4321,
  url: 'http://127.0.0.1:4321/?token=old',
  token: 'old',
  ...over,
});

function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

describe('data-folder instance lock', () => {
  let home: ReturnType<typeof tempHome>;
  let held: InstanceLock[];
  const file = (): string => join(home.dir, lockFileName);
  beforeEach(() => {
    home = tempHome();
    held = [];
  });
  afterEach(() => {
    for (const l of held) l.release();
    home.remove();
  });
  const take = (): InstanceLock => {
    const l = acquireInstanceLock(home.dir, { shell: 'serve' });
    held.push(l);
    return l;
  };

  it('writes a 0600 lock with pid, shell and start time, and refuses a second start with the holder', () => {
    const lock = take();
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(readFileSync(file(), 'utf8')) as LockHolder;
    expect(onDisk).toMatchObject({ pid: process.pid, shell: 'serve', nonce: lock.holder().nonce });
    expect(onDisk.startedAt).toBeGreaterThan(0);
    let caught: unknown;
    try {
      acquireInstanceLock(home.dir, { shell: 'electron' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InstanceLockedError);
    expect((caught as InstanceLockedError).holder).toMatchObject({ pid: process.pid, shell: 'serve' });
    expect((caught as InstanceLockedError).message).toMatch(/already running for this data folder .*montage\.lock/);
  });

  it('records where the host serves, and frees the folder on release', () => {
    const lock = take();
    lock.update({ port: 5555, url: 'http://127.0.0.1:5555/?token=t', token: 't' });
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(readInstanceLock(home.dir)).toMatchObject({ pid: process.pid, port: 5555, url: 'http://127.0.0.1:5555/?token=t', token: 't' });
    lock.release();
    expect(existsSync(file())).toBe(false);
    expect(readInstanceLock(home.dir)).toBeUndefined();
    take();
    expect(readInstanceLock(home.dir)?.port).toBeUndefined();
  });

  it('takes over a lock left by a process that died', () => {
    writeFileSync(file(), JSON.stringify(stale()), { mode: 0o600 });
    expect(readInstanceLock(home.dir)).toBeUndefined();
    const lock = take();
    expect(readInstanceLock(home.dir)).toMatchObject({ pid: process.pid, nonce: lock.holder().nonce });
  });

  it('takes over a damaged lock file', () => {
    writeFileSync(file(), '{"pid": 12', { mode: 0o600 });
    take();
    expect(readInstanceLock(home.dir)?.pid).toBe(process.pid);
  });

  it.runIf(existsSync('/proc/self/stat'))('treats a live pid with another start time as a reused pid, so the lock is stale', () => {
    writeFileSync(file(), JSON.stringify(stale({ pid: process.ppid, procStart: '1' })), { mode: 0o600 });
    expect(readInstanceLock(home.dir)).toBeUndefined();
    take();
    expect(readInstanceLock(home.dir)?.pid).toBe(process.pid);
  });

  it('keeps a lock whose holder is alive (a parent process here), and one from another machine', () => {
    const procStart = existsSync(`/proc/${process.ppid}/stat`)
      ? (() => {
          const s = readFileSync(`/proc/${process.ppid}/stat`, 'utf8');
          return s.slice(s.lastIndexOf(')') + 2).split(' ')[19];
        })()
      : undefined;
    writeFileSync(file(), JSON.stringify(stale({ pid: process.ppid, ...(procStart ? { procStart } : {}) })), { mode: 0o600 });
    expect(() => take()).toThrow(InstanceLockedError);
    writeFileSync(file(), JSON.stringify(stale({ hostname: 'another-machine.example' })), { mode: 0o600 });
    expect(() => take()).toThrow(InstanceLockedError);
  });

  it('release never deletes a lock that is no longer ours', () => {
    const lock = take();
    writeFileSync(file(), JSON.stringify(stale({ pid: process.ppid, nonce: 'someone-else' })), { mode: 0o600 });
    lock.release();
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toMatchObject({ nonce: 'someone-else' });
  });

  it('two starters that both judged the lock stale cannot both win', () => {
    writeFileSync(file(), JSON.stringify(stale()), { mode: 0o600 });
    // A has read the stale lock; before it acts, B takes it over completely.
    let second: InstanceLock | undefined;
    const first = (): InstanceLock =>
      acquireInstanceLock(home.dir, {
        shell: 'serve',
        beforeTakeover: () => {
          second ??= take();
        },
      });
    expect(first).toThrow(InstanceLockedError);
    expect(second).toBeDefined();
    expect(readInstanceLock(home.dir)?.nonce).toBe(second?.holder().nonce);
  });

  it('of six processes racing for a stale lock, or for no lock, exactly one wins', async () => {
    for (const round of ['stale', 'none', 'stale']) {
      if (round === 'stale') writeFileSync(file(), JSON.stringify(stale()), { mode: 0o600 });
      const children = Array.from({ length: 6 }, () =>
        spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'instance-lock-race-child.ts'), home.dir], { stdio: ['pipe', 'pipe', 'inherit'] }),
      );
      const outs = children.map((c) => {
        const o = { text: '' };
        c.stdout.setEncoding('utf8');
        c.stdout.on('data', (d: string) => (o.text += d));
        return o;
      });
      await expect.poll(() => outs.every((o) => o.text.includes('ready')), { timeout: 60_000 }).toBe(true);
      for (const c of children) c.stdin.write('go\n');
      await expect.poll(() => outs.every((o) => /won|locked|error/.test(o.text)), { timeout: 30_000 }).toBe(true);
      const results = outs.map((o) => o.text.split('\n')[1]);
      const winners = children.filter((_, i) => results[i] === 'won');
      expect({ round, winners: winners.length, errors: results.filter((r) => r?.startsWith('error')) }).toEqual({ round, winners: 1, errors: [] });
      // Every loser names the winner, and the file is the winner's.
      const winnerPid = winners[0]?.pid;
      expect(results.filter((r) => r !== 'won')).toEqual(Array(5).fill(`locked ${winnerPid}`));
      expect(readInstanceLock(home.dir)?.pid).toBe(winnerPid);
      await Promise.all(children.map((c) => new Promise((r) => (c.once('exit', r), c.stdin.end()))));
      expect(readInstanceLock(home.dir)).toBeUndefined();
    }
  });
});
