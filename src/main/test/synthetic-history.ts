// A generated event log for the recommender's tests and benchmarks: sessions working in a few
// projects each, every project drawing on its own set of instruments, models, clips and songs, so
// that items co-occur in contexts as in real use. Seeded: the same history on every machine.
import type { NewEvent } from '../db/events-repo';
import { eventWeights, type EventType } from '../../shared/api/history';
import { createRng } from '../../shared/random';

/** `n` events, a minute apart from 2026-01-01: sessions of 300, each in up to 3 of 400 projects of 12 items. */
export function syntheticHistory(n: number, seed = 1): NewEvent[] {
  const rng = createRng(seed);
  const types: EventType[] = ['document.opened', 'song.played', 'document.edited', 'generation.kept', 'generation.requested', 'document.exported', 'clip.played'];
  const typeOdds = [5, 4, 8, 2, 2, 1, 1];
  const themes = Array.from({ length: 400 }, () =>
    Array.from({ length: 12 }, () => {
      const r = rng.next();
      if (r < 0.3) return `instrument:${rng.int(128)}`;
      if (r < 0.45) return `model:m${rng.int(60)}`;
      if (r < 0.55) return `asset:a${rng.int(3000)}`;
      return `song:g${rng.int(5000)}`;
    }),
  );
  const events: NewEvent[] = [];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const session = Math.floor(i / 300);
    const project = (session * 7 + rng.int(3) * 131) % themes.length;
    const theme = themes[project] as string[];
    const item = theme[Math.min(theme.length - 1, Math.floor(rng.next() ** 2 * theme.length))] as string;
    const type = types[rng.weighted(typeOdds)] as EventType;
    events.push({ at: start + i * 60_000, type, item, projectId: `p${project}`, sessionId: `s${session}`, weight: eventWeights[type], data: {} });
  }
  return events;
}
