// A clock for live read-outs (elapsed times, "5 min ago"): re-renders every `intervalMs` while
// `active`, and not at all otherwise, so an idle window does no work. (A clock that starts late
// reads low for one tick; elapsed times are clamped at zero, so that shows as 0:00.)
import { useEffect, useState } from 'react';

export function useNow(intervalMs: number, active = true): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
