// Implements InsightsService (src/shared/api/insights.ts): aggregates of the event log (activity by
// day and view, keep rates, instruments, recommendation click-through) in SQL, and what the user's
// newest songs and scripts hold (keys, tempos, characters, locations), read through the document
// store so open documents count as they are now.
import { activityViews, type ActivityView, type Insights, type InsightsService } from '../../shared/api';
import type { DocumentInfo } from '../../shared/api';
import { gmProgramName } from '../../shared/music/gm-names';
import type { NoteSequence } from '../../shared/music/note-sequence';
import { parseFountain } from '../../shared/script/fountain-parse';
import { scriptReport } from '../../shared/script/report-build';
import type { EventLog } from './event-log';

const dayMs = 86_400_000;
const tonics = ['C', 'C♯', 'D', 'E♭', 'E', 'F', 'F♯', 'G', 'A♭', 'A', 'B♭', 'B'];

/** The view an event type belongs to in the activity chart. */
export function viewOf(type: string, itemKind: string | null): ActivityView {
  if (type.startsWith('recommendation.')) return 'For you';
  if (type.startsWith('generation.') || type.startsWith('preset.')) return 'Generate';
  if (type.startsWith('scene.')) return 'Scripts';
  if (type.startsWith('project.')) return 'Projects';
  if (type === 'song.played' || type === 'song.rendered' || type === 'clip.played' || itemKind === 'song' || itemKind === 'instrument' || itemKind === 'asset') return 'Songs';
  if (itemKind === 'script' || itemKind === 'scene') return 'Scripts';
  return 'Other';
}

export interface InsightsDeps {
  log: Pick<EventLog, 'query'>;
  /** The newest live documents of a kind, and a way to read each one's content. */
  newest(kind: 'song' | 'script', limit: number): DocumentInfo[];
  readSong(id: string): Promise<NoteSequence>;
  readScript(id: string): Promise<string>;
  models(): Promise<{ id: string; name: string }[]>;
  now?: () => number;
}

const top = <T>(counts: Map<string, T>, score: (v: T) => number, limit: number): [string, T][] =>
  [...counts].sort((a, b) => score(b[1]) - score(a[1]) || a[0].localeCompare(b[0])).slice(0, limit);

export function createInsightsService(deps: InsightsDeps): InsightsService {
  const now = deps.now ?? Date.now;
  return {
    async overview(args) {
      const days = args.days ?? 30;
      const firstDay = Math.floor(now() / dayMs) - days + 1;
      const since = firstDay * dayMs;
      const { activity, keeps, instruments, recommendations } = deps.log.query((repo) => ({
        activity: repo.activity(since),
        keeps: repo.keeps(since),
        instruments: repo.itemCounts('instrument', 'document.edited', since, 12),
        recommendations: repo.recommendations(since),
      }));
      const counts = activityViews.map(() => new Array<number>(days).fill(0));
      for (const row of activity) {
        // A preset.kept is recorded beside its generation.kept: one action, counted once.
        if (row.type === 'preset.kept') continue;
        const d = row.day - firstDay;
        if (d < 0 || d >= days) continue;
        const v = activityViews.indexOf(viewOf(row.type, row.kind));
        (counts[v] as number[])[d] = ((counts[v] as number[])[d] as number) + row.n;
      }
      const names = new Map((await deps.models()).map((m) => [`model:${m.id}`, m.name]));
      const rates = new Map<string, Insights['keepRate'][number]>();
      for (const k of keeps) {
        if (!k.item) continue;
        const key = `${k.item}\u0000${k.temperature ?? ''}`;
        const row = rates.get(key) ?? { model: k.item.slice(k.item.indexOf(':') + 1), modelName: names.get(k.item) ?? 'A deleted model', temperature: k.temperature, kept: 0, discarded: 0 };
        if (k.type === 'generation.kept') row.kept += k.n;
        else row.discarded += k.n;
        rates.set(key, row);
      }
      const recs = new Map<string, { kind: string; shown: number; clicked: number }>();
      for (const r of recommendations) {
        const row = recs.get(r.kind) ?? { kind: r.kind, shown: 0, clicked: 0 };
        if (r.type === 'recommendation.shown') row.shown += r.n;
        else row.clicked += r.n;
        recs.set(r.kind, row);
      }
      // Songs: the first key and tempo of each.
      const songs = deps.newest('song', 200);
      const keyCounts = new Map<string, number>();
      const tempoCounts = new Map<string, number>();
      for (const doc of songs) {
        const song = await deps.readSong(doc.id).catch(() => null);
        if (!song) continue;
        const key = song.keySignatures[0];
        if (key) keyCounts.set(`${tonics[key.tonic]} ${key.mode}`, (keyCounts.get(`${tonics[key.tonic]} ${key.mode}`) ?? 0) + 1);
        const bpm = song.tempos[0]?.bpm;
        if (bpm !== undefined) {
          const low = Math.floor(bpm / 10) * 10;
          tempoCounts.set(`${low}–${low + 9} bpm`, (tempoCounts.get(`${low}–${low + 9} bpm`) ?? 0) + 1);
        }
      }
      // Scripts: speeches per character and scenes per location, and in how many scripts.
      const scripts = deps.newest('script', 200);
      const characters = new Map<string, { lines: number; scripts: number }>();
      const locations = new Map<string, { scenes: number; scripts: number }>();
      for (const doc of scripts) {
        const fountain = await deps.readScript(doc.id).catch(() => null);
        if (fountain === null) continue;
        const report = scriptReport(parseFountain(fountain).script);
        for (const c of report.characters) {
          const row = characters.get(c.name) ?? { lines: 0, scripts: 0 };
          characters.set(c.name, { lines: row.lines + c.lines, scripts: row.scripts + 1 });
        }
        for (const l of report.locations) {
          const row = locations.get(l.name) ?? { scenes: 0, scripts: 0 };
          locations.set(l.name, { scenes: row.scenes + l.scenes, scripts: row.scripts + 1 });
        }
      }
      return {
        days,
        from: since,
        activity: { views: [...activityViews], counts },
        keepRate: [...rates.values()].sort((a, b) => b.kept + b.discarded - (a.kept + a.discarded) || a.modelName.localeCompare(b.modelName)),
        instruments: instruments.map((r) => {
          const id = r.item.slice('instrument:'.length);
          return { label: id === 'drums' ? 'Drum kit' : gmProgramName(Number(id)), count: r.n };
        }),
        keys: top(keyCounts, (n) => n, 12).map(([label, songs]) => ({ label, songs })),
        tempos: [...tempoCounts].sort((a, b) => parseInt(a[0], 10) - parseInt(b[0], 10)).map(([label, songs]) => ({ label, songs })),
        characters: top(characters, (c) => c.lines, 12).map(([name, c]) => ({ name, ...c })),
        locations: top(locations, (l) => l.scenes, 12).map(([name, l]) => ({ name, ...l })),
        recommendations: [...recs.values()].sort((a, b) => b.shown - a.shown),
        documents: { songs: songs.length, scripts: scripts.length },
      };
    },
  };
}
