// The bookkeeping of uploads in progress, without any file I/O (so it is unit-tested alone): who
// began each upload, how many bytes it promised and has sent, which chunk comes next, and when it
// was last touched. The assets service owns the temp files and asks this registry what to allow.
// Why a registry: a client may begin uploads and vanish; caps per client and an idle expiry keep a
// stranger (or a crashed tab) from holding open files and disk space for ever.
import { StudioError } from '../../shared/api';

export interface Upload<F> {
  id: string;
  clientId: string;
  projectId: string;
  name: string;
  bytes: number;
  received: number;
  nextIndex: number;
  lastActive: number;
  /** A chunk is being written: a second one at the same time is refused, never interleaved. */
  busy: boolean;
  /** The service's own state (the open temp file, the running hash). */
  file: F;
}

export class UploadRegistry<F> {
  private readonly uploads = new Map<string, Upload<F>>();

  constructor(
    private readonly limits: { perClient: number; idleMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws 'unavailable' when the client already has its share of uploads in progress. */
  checkRoom(clientId: string): void {
    let n = 0;
    for (const u of this.uploads.values()) if (u.clientId === clientId) n++;
    if (n >= this.limits.perClient) {
      throw new StudioError('unavailable', `At most ${this.limits.perClient} files can be uploaded at once; wait for one to finish and try again.`);
    }
  }

  add(u: Omit<Upload<F>, 'received' | 'nextIndex' | 'lastActive' | 'busy'>): Upload<F> {
    this.checkRoom(u.clientId);
    const upload: Upload<F> = { ...u, received: 0, nextIndex: 0, lastActive: this.now(), busy: false };
    this.uploads.set(u.id, upload);
    return upload;
  }

  /** The caller's upload; another client's is as unknown as a finished one. */
  get(id: string, clientId: string): Upload<F> {
    const u = this.uploads.get(id);
    if (!u || u.clientId !== clientId) throw new StudioError('not-found', 'That upload is not in progress any more (it finished, was cancelled, or sat idle too long). Start it again.');
    return u;
  }

  /** Claims the next chunk: checks order and size, and marks the upload busy until `release`. */
  claimChunk(u: Upload<F>, index: number, length: number): void {
    if (u.busy) throw new StudioError('conflict', 'A chunk of this upload is still being written; send the next one after it.');
    if (index !== u.nextIndex) throw new StudioError('invalid-argument', `Chunk ${index} arrived, but chunk ${u.nextIndex} was expected.`);
    if (u.received + length > u.bytes) throw new StudioError('invalid-argument', `The upload is larger than the ${u.bytes} bytes announced.`);
    u.busy = true;
    u.lastActive = this.now();
  }

  release(u: Upload<F>, written: number): void {
    u.busy = false;
    u.received += written;
    u.nextIndex++;
    u.lastActive = this.now();
  }

  remove(id: string): Upload<F> | undefined {
    const u = this.uploads.get(id);
    this.uploads.delete(id);
    return u;
  }

  /** Removes and returns the uploads idle longer than the limit (not those writing a chunk). */
  takeIdle(): Upload<F>[] {
    const cutoff = this.now() - this.limits.idleMs;
    const idle = [...this.uploads.values()].filter((u) => !u.busy && u.lastActive <= cutoff);
    for (const u of idle) this.uploads.delete(u.id);
    return idle;
  }

  /** Removes and returns every upload of a client that went away. */
  takeClient(clientId: string): Upload<F>[] {
    const mine = [...this.uploads.values()].filter((u) => u.clientId === clientId);
    for (const u of mine) this.uploads.delete(u.id);
    return mine;
  }

  takeAll(): Upload<F>[] {
    const all = [...this.uploads.values()];
    this.uploads.clear();
    return all;
  }

  get size(): number {
    return this.uploads.size;
  }
}
