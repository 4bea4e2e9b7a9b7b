import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

function deferredTask() {
  const releases: (() => void)[] = [];
  let runs = 0;
  const task = () =>
    new Promise<void>((resolve) => {
      runs++;
      releases.push(resolve);
    });
  return { task, runs: () => runs, release: () => releases.shift()?.() };
}

describe('coalesce', () => {
  it('runs once more after a burst of requests, not once per request', async () => {
    const t = deferredTask();
    const refresh = coalesce(t.task);
    const first = refresh();
    void refresh();
    void refresh();
    expect(t.runs()).toBe(1);
    t.release();
    await Promise.resolve();
    await Promise.resolve();
    expect(t.runs()).toBe(2);
    t.release();
    await first;
    expect(t.runs()).toBe(2);
  });

  it('starts afresh once idle', async () => {
    const t = deferredTask();
    const refresh = coalesce(t.task);
    const a = refresh();
    t.release();
    await a;
    const b = refresh();
    expect(t.runs()).toBe(2);
    t.release();
    await b;
  });

  it('recovers after the task throws', async () => {
    let fail = true;
    const refresh = coalesce(async () => {
      if (fail) throw new Error('nope');
    });
    await expect(refresh()).rejects.toThrow('nope');
    fail = false;
    await expect(refresh()).resolves.toBeUndefined();
  });
});
