import { describe, expect, it } from 'vitest';
import { UploadRegistry } from './upload-registry';

const make = (clock: { t: number }) => new UploadRegistry<null>({ perClient: 2, idleMs: 1000 }, () => clock.t);
const upload = (id: string, clientId = 'a', bytes = 10) => ({ id, clientId, projectId: 'p', name: 'x.wav', bytes, file: null });

describe('UploadRegistry', () => {
  it('caps uploads per client, not overall', () => {
    const r = make({ t: 0 });
    r.add(upload('1'));
    r.add(upload('2'));
    expect(() => r.add(upload('3'))).toThrow(/At most 2 files/);
    expect(() => r.add(upload('4', 'b'))).not.toThrow();
  });
  it('hides one client’s upload from another', () => {
    const r = make({ t: 0 });
    r.add(upload('1'));
    expect(() => r.get('1', 'b')).toThrow(/not in progress/);
    expect(r.get('1', 'a').id).toBe('1');
  });
  it('takes chunks in order, within the size announced, one at a time', () => {
    const r = make({ t: 0 });
    const u = r.add(upload('1'));
    expect(() => r.claimChunk(u, 1, 4)).toThrow(/chunk 0 was expected/);
    r.claimChunk(u, 0, 4);
    expect(() => r.claimChunk(u, 1, 4)).toThrow(/still being written/);
    r.release(u, 4);
    expect(() => r.claimChunk(u, 1, 7)).toThrow(/larger than the 10 bytes/);
    r.claimChunk(u, 1, 6);
    r.release(u, 6);
    expect(u.received).toBe(10);
  });
  it('expires idle uploads but not busy ones, and counts activity', () => {
    const clock = { t: 0 };
    const r = make(clock);
    const a = r.add(upload('1'));
    const b = r.add(upload('2', 'b'));
    r.claimChunk(b, 0, 1);
    clock.t = 500;
    r.claimChunk(a, 0, 1);
    r.release(a, 1);
    clock.t = 1200;
    expect(r.takeIdle()).toEqual([]); // a was touched at 500, b is busy
    r.release(b, 1);
    clock.t = 2600;
    expect(r.takeIdle().map((u) => u.id).sort()).toEqual(['1', '2']);
    expect(r.size).toBe(0);
  });
  it('drops a departed client’s uploads', () => {
    const r = make({ t: 0 });
    r.add(upload('1'));
    r.add(upload('2', 'b'));
    expect(r.takeClient('a').map((u) => u.id)).toEqual(['1']);
    expect(r.size).toBe(1);
  });
});
