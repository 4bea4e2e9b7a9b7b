// Messages on the wire between a renderer and the host (WebSocket frames, or IPC payloads).
import { z } from 'zod';
import type { SerializedStudioError } from './errors';
import type { StudioEventName, StudioEvents } from './events';

export const callMessage = z
  .object({
    kind: z.literal('call'),
    id: z.number().int().nonnegative(),
    service: z.string().max(64),
    method: z.string().max(64),
    args: z.unknown(),
  })
  .strict();
export type CallMessage = z.infer<typeof callMessage>;

export type ResultMessage =
  | { kind: 'result'; id: number; ok: true; value: unknown }
  | { kind: 'result'; id: number; ok: false; error: SerializedStudioError };

export type EventMessage = {
  [K in StudioEventName]: { kind: 'event'; name: K; payload: StudioEvents[K] };
}[StudioEventName];

export type HostMessage = ResultMessage | EventMessage;

/**
 * Largest WebSocket frame the host accepts from a renderer: a 4 MiB MIDI file, base64-encoded, with
 * room to spare. Clients that stop reading are dropped by the send-buffer bound, not this.
 */
export const maxCallBytes = 8 << 20;
