// History service contract: what the musician did with generated music (asked for it, kept a
// result, discarded one), recorded on this machine for recommendations later. A row is small: the
// kind, the model, the project, and a JSON payload with the mode, the arguments asked and a
// summary of the clip (never its notes). Nothing leaves the machine.
import { z } from 'zod';
import type { ProjectId } from '../ids';
import { modelId, type ModelId } from './models';
import { projectId } from './projects';

export const historyKinds = ['generation.requested', 'generation.kept', 'generation.discarded'] as const;
export type HistoryKind = (typeof historyKinds)[number];

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

export interface HistoryEntry {
  id: number;
  at: number;
  projectId: ProjectId | null;
  kind: HistoryKind;
  modelId: ModelId | null;
  payload: HistoryPayload;
}

/** Most entries one `list` returns. */
export const maxHistoryList = 1000;

export const historyArgs = {
  record: z
    .object({
      kind: z.enum(historyKinds),
      projectId: projectId.optional(),
      modelId: modelId.optional(),
      payload: historyPayload,
    })
    .strict(),
  list: z
    .object({
      projectId: projectId.optional(),
      kind: z.enum(historyKinds).optional(),
      limit: z.number().int().min(1).max(maxHistoryList).default(100),
    })
    .strict(),
};

export interface HistoryService {
  /** Stores one entry; a project that no longer exists is stored as none. */
  record(args: z.input<typeof historyArgs.record>): Promise<HistoryEntry>;
  /** The newest entries first (of one project and/or kind, if given). */
  list(args: z.input<typeof historyArgs.list>): Promise<HistoryEntry[]>;
}
