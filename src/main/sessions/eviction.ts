// Which warm model sessions to unload, and why: a pure policy the SessionManager applies whenever a
// session reports its memory, on a timer, and before it starts another process. Only idle sessions
// (no request running or waiting) are ever chosen; a busy one is looked at again when it is idle.

export interface SessionUsage {
  key: string;
  /** A request is running or waiting. */
  busy: boolean;
  /** When a request last finished (or the session was opened), for least-recently-used order. */
  lastUsed: number;
  /** Tensor bytes the session last reported (tf.memory().numBytes). */
  bytes: number;
}

export interface EvictionLimits {
  /** A session whose tensors use more than this is unloaded as soon as it is idle. */
  maxSessionBytes: number;
  /** Below this much free system memory, the least recently used idle session is unloaded. */
  minFreeBytes: number;
  /** At most this many session processes stay warm; the least recently used idle ones go first. */
  maxWarmSessions: number;
}

export interface Eviction {
  key: string;
  reason: 'memory-cap' | 'low-memory' | 'too-many';
}

/**
 * Sessions to unload now. `live` are the running session processes; `freeBytes` the system's free
 * memory; `starting` counts a process about to start (so the warm cap leaves room for it).
 * Under low memory only one session is chosen per call: its memory comes back when it exits, and
 * the next check sees the effect before unloading another.
 */
export function chooseEvictions(live: readonly SessionUsage[], limits: EvictionLimits, freeBytes: number, starting = 0): Eviction[] {
  const chosen: Eviction[] = [];
  const taken = new Set<string>();
  const take = (key: string, reason: Eviction['reason']): void => {
    taken.add(key);
    chosen.push({ key, reason });
  };
  const idleByAge = live.filter((s) => !s.busy).sort((a, b) => a.lastUsed - b.lastUsed || (a.key < b.key ? -1 : 1));

  for (const s of idleByAge) if (s.bytes > limits.maxSessionBytes) take(s.key, 'memory-cap');

  if (freeBytes < limits.minFreeBytes && chosen.length === 0) {
    const oldest = idleByAge.find((s) => !taken.has(s.key));
    if (oldest) take(oldest.key, 'low-memory');
  }

  let warm = live.length - chosen.length + starting;
  for (const s of idleByAge) {
    if (warm <= limits.maxWarmSessions) break;
    if (taken.has(s.key)) continue;
    take(s.key, 'too-many');
    warm -= 1;
  }
  return chosen;
}
