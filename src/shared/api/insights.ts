// Insights contract: what the local history and the user's own songs and scripts say, for the
// Insights view's charts (activity over time by view, generation keep rate by model and
// temperature, the most used instruments, keys and tempos, characters and locations, and
// recommendation click-through). Training curves come with models.list. All computed here.
import { z } from 'zod';

/** Where an event happened, as the activity chart groups them. */
export const activityViews = ['Songs', 'Scripts', 'Generate', 'Projects', 'For you', 'Other'] as const;
export type ActivityView = (typeof activityViews)[number];

export interface Insights {
  /** The span asked, and the first day (UTC midnight, ms) of `activity`. */
  days: number;
  from: number;
  /** Events per day and view: `counts[v][d]` for view `activity.views[v]` on day `from + d·86,400,000`. */
  activity: { views: ActivityView[]; counts: number[][] };
  /** Kept and discarded generated results per model and temperature (null: not recorded). */
  keepRate: { model: string; modelName: string; temperature: number | null; kept: number; discarded: number }[];
  /** Instruments taken up in songs (GM names; "Drum kit"), most first. */
  instruments: { label: string; count: number }[];
  /** Keys and tempos of the user's songs (the first of each song), most first. */
  keys: { label: string; songs: number }[];
  tempos: { label: string; songs: number }[];
  /** Characters (by speeches) and locations (by scenes) over the user's scripts, most first. */
  characters: { name: string; lines: number; scripts: number }[];
  locations: { name: string; scenes: number; scripts: number }[];
  /** For you: items shown and clicked, by kind. */
  recommendations: { kind: string; shown: number; clicked: number }[];
  /** Songs and scripts read for keys, tempos, characters and locations (the newest, at most 200 each). */
  documents: { songs: number; scripts: number };
}

export const insightsArgs = {
  overview: z.object({ days: z.number().int().min(1).max(3650).default(30) }).strict(),
};

export interface InsightsService {
  overview(args: z.input<typeof insightsArgs.overview>): Promise<Insights>;
}
