// Reconnect delays for the WebSocket transport: exponential with full jitter, so many tabs (or a
// restarted host) do not reconnect in lockstep, capped so a returning host is found within seconds.
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 250, maxMs: 5_000, factor: 2 };

/** Delay before reconnect attempt `attempt` (0-based); `random` is in [0, 1). */
export function backoffDelay(attempt: number, random: number, opts: BackoffOptions = defaultBackoff): number {
  const ceiling = Math.min(opts.maxMs, opts.initialMs * opts.factor ** Math.max(0, attempt));
  // Never below half the ceiling: a zero delay would hammer a host that is still starting.
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}
