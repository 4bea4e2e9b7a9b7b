// History service contract: the local log of what the user did (opened a song, played it, kept a
// generated clip, accepted a scene suggestion, exported, clicked a recommendation …), stored on
// this machine for recommendations and insights, and shown, filtered, deleted or paused by the
// user. An event is small: its type, the item it was about ("song:<id>", "model:<id>", …), the
// project and studio session it happened in, a weight (how much it says about taste) and a small
// JSON object (for generation: the mode, the arguments asked and a summary of the clip, never its
// notes). Nothing leaves the machine.
import { z } from 'zod';
import type { ProjectId } from '../ids';
import { projectId } from './projects';

/** What the renderer may record; the host records the rest itself (created, imported, edited …). */
export const clientEventTypes = [
  'document.opened',
  'song.played',
  'song.rendered',
  'clip.played',
  'generation.requested',
  'generation.kept',
  'generation.discarded',
  'item.favourited',
  'item.unfavourited',
  'recommendation.shown',
  'recommendation.clicked',
] as const;
export type ClientEventType = (typeof clientEventTypes)[number];

/** Every event type in the log. */
export const eventTypes = [
  ...clientEventTypes,
  'project.created',
  'project.renamed',
  'project.opened',
  'project.deleted',
  'project.restored',
  'document.created',
  'document.imported',
  'document.renamed',
  'document.deleted',
  'document.edited',
  'document.exported',
  'scene.accepted',
  'scene.rejected',
  'preset.kept',
  'image.labelled',
  'benchmark.started',
  'benchmark.finished',
] as const;
export type EventType = (typeof eventTypes)[number];
/** The generation events (their data is a HistoryPayload). */
export type HistoryKind = 'generation.requested' | 'generation.kept' | 'generation.discarded';

/**
 * How much an event says about taste, for the recommenders (0: it says nothing, or only that
 * something was offered). A keep, a favourite or an export says more than an open or a play.
 */
export const eventWeights: Readonly<Record<EventType, number>> = {
  'document.opened': 1,
  'song.played': 1,
  'song.rendered': 2,
  'clip.played': 1,
  'generation.requested': 0.5,
  'generation.kept': 3,
  'generation.discarded': 0,
  'item.favourited': 5,
  'item.unfavourited': 0,
  'recommendation.shown': 0,
  'recommendation.clicked': 2,
  'project.created': 1,
  'project.renamed': 0,
  'project.opened': 1,
  'project.deleted': 0,
  'project.restored': 1,
  'document.created': 2,
  'document.imported': 2,
  'document.renamed': 0.5,
  'document.deleted': 0,
  'document.edited': 0.5,
  'document.exported': 3,
  'scene.accepted': 3,
  'scene.rejected': 0,
  'preset.kept': 3,
  'image.labelled': 2,
  'benchmark.started': 0,
  'benchmark.finished': 0,
};

/** The kinds of item an event can be about, each with an id after the colon: "song:<id>". An
 * asset is an audio clip or an image of a project (an image's events carry its top tags); a scene is "scene:<script id>/<its heading, URI-encoded>"
 * (shared/script/scene-items.ts). */
export const itemKinds = ['song', 'script', 'model', 'project', 'instrument', 'preset', 'asset', 'scene', 'job'] as const;
export type ItemKind = (typeof itemKinds)[number];
export const itemKey = z
  .string()
  .max(200)
  .regex(/^(song|script|model|project|instrument|preset|asset|scene|job):[^\s:][^\s]{0,160}$/, 'Not an item key (kind:id, e.g. song:<id>).');
export const itemKindOf = (key: string): ItemKind => key.slice(0, key.indexOf(':')) as ItemKind;

export const generationModes = ['generate', 'continue', 'interpolate'] as const;
export type GenerationMode = (typeof generationModes)[number];

/** What a kept or discarded clip was like (its notes are not kept). */
export const clipSummary = z
  .object({
    notes: z.number().int().min(0).max(100_000),
    /** Notes (drum hits) per bar. */
    density: z.number().min(0).max(1000),
    /** Lowest and highest pitch; absent without notes. */
    lowPitch: z.number().int().min(0).max(127).optional(),
    highPitch: z.number().int().min(0).max(127).optional(),
    bars: z.number().min(0).max(10_000),
    /** Share of its notes in the asked key, 0…1, when a key was asked. */
    inScaleRate: z.number().min(0).max(1).optional(),
  })
  .strict();
export type ClipSummary = z.infer<typeof clipSummary>;

/** The small JSON payload of a history row. */
export const historyPayload = z
  .object({
    mode: z.enum(generationModes),
    /** The arguments asked (count, temperature, key, density, bars, steps, seed …): numbers, strings, booleans, flat objects. */
    args: z.record(z.string().max(40), z.union([z.number(), z.string().max(200), z.boolean(), z.null(), z.record(z.string().max(40), z.union([z.number(), z.string().max(200)]))])).optional(),
    clip: clipSummary.optional(),
    /** Which result of the request it was (0-based). */
    index: z.number().int().min(0).max(1000).optional(),
    /** How it was kept: a button, a key, or a drag onto a lane. */
    via: z.enum(['button', 'key', 'drag']).optional(),
  })
  .strict();
export type HistoryPayload = z.infer<typeof historyPayload>;

/** A small JSON object: strings, numbers, booleans, null, and objects or arrays of them, two levels deep. */
const leaf = z.union([z.number(), z.string().max(200), z.boolean(), z.null()]);
const level2 = z.union([leaf, z.array(leaf).max(50), z.record(z.string().max(40), leaf)]);
export const eventData = z.record(z.string().max(40), z.union([level2, z.array(level2).max(50), z.record(z.string().max(40), level2)]));
export type EventData = z.infer<typeof eventData>;

export interface HistoryEvent {
  id: number;
  at: number;
  /** Whose taste it shows ("local": the one user of this machine). */
  profile: string;
  type: EventType;
  item: string | null;
  projectId: ProjectId | null;
  /** The studio run it happened in (a new one each start of the host). */
  sessionId: string | null;
  weight: number;
  data: EventData;
}

/** Most events one `list` returns. */
export const maxHistoryList = 1000;

export const historyArgs = {
  record: z
    .object({
      type: z.enum(clientEventTypes),
      item: itemKey.optional(),
      projectId: projectId.optional(),
      data: eventData.optional(),
    })
    .strict()
    .superRefine((v, ctx) => {
      if (v.type.startsWith('generation.') && !historyPayload.safeParse(v.data ?? {}).success) {
        ctx.addIssue({ code: 'custom', path: ['data'], message: 'A generation event needs its mode, and only the known fields (args, clip, index, via).' });
      }
      if (v.data && JSON.stringify(v.data).length > 16_384) ctx.addIssue({ code: 'custom', path: ['data'], message: 'The event data is over 16 KB.' });
    }),
  list: z
    .object({
      types: z.array(z.enum(eventTypes)).max(eventTypes.length).optional(),
      item: itemKey.optional(),
      /** Items of one kind ("song", "model" …). */
      itemKind: z.enum(itemKinds).optional(),
      projectId: projectId.optional(),
      /** Events at or after / before these times (ms). */
      since: z.number().int().min(0).optional(),
      until: z.number().int().min(0).optional(),
      /** Older than this event id (the next page). */
      before: z.number().int().min(1).optional(),
      limit: z.number().int().min(1).max(maxHistoryList).default(100),
    })
    .strict(),
  delete: z.object({ ids: z.array(z.number().int().min(1)).min(1).max(maxHistoryList) }).strict(),
  clear: z.object({}).strict(),
  status: z.object({}).strict(),
  setPaused: z.object({ paused: z.boolean() }).strict(),
};

export interface HistoryStatus {
  paused: boolean;
  events: number;
  /** Time of the oldest and newest event (null when there are none). */
  oldest: number | null;
  newest: number | null;
}

export interface HistoryService {
  /** Records one event (unless recording is paused: then `recorded` is false and nothing is kept). */
  record(args: z.input<typeof historyArgs.record>): Promise<{ recorded: boolean }>;
  /** The newest events first, filtered. */
  list(args: z.input<typeof historyArgs.list>): Promise<HistoryEvent[]>;
  /** Deletes these events; answers how many there were. */
  delete(args: z.input<typeof historyArgs.delete>): Promise<{ deleted: number }>;
  /** Deletes every event. */
  clear(args: z.input<typeof historyArgs.clear>): Promise<{ deleted: number }>;
  status(args: z.input<typeof historyArgs.status>): Promise<HistoryStatus>;
  /** Pauses or resumes recording (a setting kept in the database). */
  setPaused(args: z.input<typeof historyArgs.setPaused>): Promise<HistoryStatus>;
}
