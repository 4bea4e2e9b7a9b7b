// The model-session protocol: messages between the host and a long-lived model session process
// (src/workers/session/model-session.ts) over the child-process IPC channel. Unlike the one-shot
// job protocol (src/shared/jobs/protocol.ts), a session loads one model once and then answers
// many requests, one at a time, each with its own id, partial results and cancellation.
//
// The channel runs with `serialization: 'advanced'` (structured clone), so typed arrays
// (Int32Array tokens, Float32Array latents or audio) cross it as binary, never as JSON number
// lists. Both sides validate what they receive with the zod schemas here: the envelope first,
// then the payload against the contract of the session's kind and the request's method.
//
// Adding a capability: add a kind to `sessionContract` (its spec and methods, each with args,
// partial and result schemas), then a loader in src/workers/session/handlers.ts.
import { z } from 'zod';
import { errorCodes, StudioError, type SerializedStudioError } from '../api/errors';
import type { BackendReport } from '../api/system';
import { scaleModes, type ScaleMode } from '../music/scales';
import {
  imageEmbedArgs,
  imageEmbedResult,
  imageTaggerSpec,
  imageTagArgs,
  imageTagResult,
  imageTrainHeadArgs,
  imageTrainHeadPartial,
  imageTrainHeadResult,
} from './image-tagger-contract';

// Any Int32Array, whatever its buffer (z.instanceof would narrow the type to Int32Array<ArrayBuffer>).
const int32Array = z.custom<Int32Array>((v) => v instanceof Int32Array, { message: 'Expected an Int32Array.' });
const count = z.number().int().nonnegative();
const uint32 = z.number().int().min(0).max(2 ** 32 - 1);

// --- next-token-lstm: the one-layer LSTM of src/workers/models/next-token-lstm.ts ---------------

export const nextTokenLstmSpec = z
  .object({
    vocabSize: z.number().int().min(2).max(4096),
    hiddenUnits: z.number().int().min(1).max(1024),
    /** Seeds the weights when there is no checkpoint (and names the model's initial state). */
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(0),
    /**
     * A checkpoint directory (src/workers/engine/training/checkpoint.ts) to load the weights from.
     * The host resolves it inside the data folder's models/ before the worker sees it.
     */
    checkpoint: z.string().min(1).max(4096).optional(),
  })
  .strict();

export const sampleArgs = z
  .object({
    /** Seeds the draws: the same seed, model and arguments give the same tokens. */
    seed: uint32,
    /** Tokens to draw per sequence. */
    steps: z.number().int().min(1).max(4096),
    /** Softmax temperature; 0 always takes the likeliest token. */
    temperature: z.number().min(0).max(10).default(1),
    /** Sequences to draw; each is streamed as a partial when it is finished. */
    count: z.number().int().min(1).max(256).default(1),
    /** Tokens the sequences continue from (not repeated in the answer). */
    primer: int32Array.optional(),
  })
  .strict();

export const samplePartial = z
  .object({
    method: z.literal('sample'),
    /** Which sequence (0-based) this is. */
    index: count,
    tokens: int32Array,
  })
  .strict();

export const sampleResult = z
  .object({
    method: z.literal('sample'),
    /** `count` sequences of `steps` tokens, one after another. */
    tokens: int32Array,
    count: count,
    steps: count,
  })
  .strict();

// --- music-vae: a trained MusicVAE model folder (src/workers/models/music-vae.ts) ---------------

// Any Float32Array (latent vectors), whatever its buffer.
const float32Array = z.custom<Float32Array>((v) => v instanceof Float32Array, { message: 'Expected a Float32Array.' });
/** At most 256 sequences of 4096 tokens per request. */
const maxVaeTokens = 256 * 4096;
const vaeTokens = int32Array.refine((t) => t.length > 0 && t.length <= maxVaeTokens, { message: `Expected 1 to ${maxVaeTokens} tokens.` });
const vaeTemperature = z.number().min(0).max(10).default(1);

export const musicVaeSpec = z
  .object({
    /**
     * The model folder (model.json, its weights, music-model.json) as the model registry keeps it;
     * the host resolves it inside the data folder's models/ before the worker sees it.
     */
    checkpoint: z.string().min(1).max(4096),
  })
  .strict();

/** A batch of whole sequences: `count` × `steps` tokens, one sequence after another. */
const vaeTokensResult = <M extends string>(method: M) =>
  z.object({ method: z.literal(method), tokens: int32Array, count: count, steps: count }).strict();
/** The music-vae methods answer in one piece (the batch is decoded at once): no partials. */
const noPartial = z.never();

export const musicVaeSampleArgs = z
  .object({
    /** Sequences to draw from the prior, decoded as one batch. */
    count: z.number().int().min(1).max(256).default(1),
    /** Softmax temperature; 0 always takes the likeliest token. */
    temperature: vaeTemperature,
    /** Seeds z and the draws: the same seed, count and model give the same tokens. */
    seed: uint32,
  })
  .strict();

export const musicVaeEncodeArgs = z
  .object({
    /** Whole sequences of the model's steps, one after another. */
    tokens: vaeTokens,
  })
  .strict();

export const musicVaeEncodeResult = z
  .object({
    method: z.literal('encode'),
    /** μ of q(z | x), `count` × `latentSize`, row-major. */
    z: float32Array,
    /** σ of q(z | x), same layout. */
    sigma: float32Array,
    count: count,
    latentSize: count,
  })
  .strict();

export const musicVaeDecodeArgs = z
  .object({
    /** Latent vectors, `n` × latentSize, row-major. */
    z: float32Array.refine((v) => v.length > 0 && v.length <= 256 * 1024 && v.every(Number.isFinite), { message: 'Expected 1 to 262144 finite values.' }),
    temperature: vaeTemperature,
    seed: uint32,
  })
  .strict();

export const musicVaeInterpolateArgs = z
  .object({
    /** One sequence of the model's steps: the first end. */
    a: vaeTokens,
    /** One sequence of the model's steps: the other end. */
    b: vaeTokens,
    /** Points from a to b, both ends included. */
    steps: z.number().int().min(2).max(64),
    temperature: vaeTemperature,
    seed: uint32,
    /** Along the great circle between the two μ's (default) or the straight line. */
    path: z.enum(['spherical', 'linear']).default('spherical'),
  })
  .strict();

/** How a music-vae session's `continue` answer ('unavailable') starts when the folder has no usable continuation companion. */
export const noContinuationMessage = 'This music model has no continuation model';

export const musicVaeContinueArgs = z
  .object({
    /**
     * The clip's tokens (one sequence of whole 16th steps, any length up to 4096): fed as the primer
     * of the model's continuation companion (src/workers/models/continuation-lstm.ts).
     */
    primer: vaeTokens.refine((t) => t.length <= 4096, { message: 'Expected at most 4096 primer tokens.' }),
    /** Tokens (16th steps) to add after the primer. */
    steps: z.number().int().min(1).max(4096),
    /** Continuations, drawn as one batch. */
    count: z.number().int().min(1).max(256).default(1),
    temperature: vaeTemperature,
    seed: uint32,
  })
  .strict();

export const musicVaeSampleWithAttributesArgs = z
  .object({
    /** Sequences to draw, decoded as one batch. */
    count: z.number().int().min(1).max(256).default(1),
    temperature: vaeTemperature,
    /** Seeds the latents and the draws: the same seed, count, attributes and model give the same tokens. */
    seed: uint32,
    /** Melodies: the key to aim for (the model's latent GAN is conditioned on its diatonic collection). */
    key: z
      .object({ tonic: z.number().int().min(0).max(11), mode: z.enum(scaleModes as [ScaleMode, ...ScaleMode[]]) })
      .strict()
      .optional(),
    /** Notes (drum hits) per bar to aim for. */
    density: z.number().min(0).max(144).optional(),
    /** Melodies: the mean MIDI pitch to aim for. */
    register: z.number().min(0).max(127).optional(),
  })
  .strict();

export const musicVaeSampleWithAttributesResult = z
  .object({
    method: z.literal('sampleWithAttributes'),
    tokens: int32Array,
    count: count,
    steps: count,
    /**
     * True when the model's latent-constraints GAN (src/workers/models/latent-gan.ts) drew the
     * latents for the asked attributes; false when the model has none and they came from the prior.
     */
    conditioned: z.boolean(),
    /** The latents decoded, `count` × latentSize, row-major. */
    z: float32Array,
  })
  .strict();

// --- scene-model: the scene writer's next-scene and draft LSTMs (src/workers/models/scene-model-files.ts) ---

export const sceneModelSpec = z
  .object({
    /** The model folder as the registry keeps it; the host resolves it inside the data folder's models/. */
    checkpoint: z.string().min(1).max(4096),
  })
  .strict();

const sceneIntExt = z.enum(['INT', 'EXT', 'INT/EXT']);
/** A scene as the next-scene model reads it (src/shared/script/generation/scene-tokens.ts SceneSummary). */
export const sceneSummarySchema = z
  .object({
    intExt: sceneIntExt.nullable(),
    location: z.string().max(300),
    time: z.string().max(100).nullable(),
    /** Character keys (as cues name them). */
    characters: z.array(z.string().min(1).max(100)).max(50),
    beat: z.string().max(2000),
  })
  .strict();
const sceneTemperature = z.number().min(0).max(2).default(0.9);

export const sceneSuggestArgs = z
  .object({
    /** The scenes before the proposal, in order (the last three are read). */
    context: z.array(sceneSummarySchema).max(50),
    /** The script's characters, most present first: the model may bring one back. */
    cast: z.array(z.string().min(1).max(100)).max(50).default([]),
    count: z.number().int().min(1).max(8).default(4),
    temperature: sceneTemperature,
    seed: uint32,
  })
  .strict();

export const sceneCandidateSchema = z
  .object({
    heading: z.string(),
    intExt: sceneIntExt,
    location: z.string(),
    time: z.string(),
    characters: z.array(z.string()),
    beat: z.string(),
  })
  .strict();

export const sceneSuggestResult = z
  .object({
    method: z.literal('suggest'),
    candidates: z.array(sceneCandidateSchema),
    /** Candidates valid on their first draw, drawn again, and repaired (see scene-generate.ts). */
    validFirst: count,
    resampled: count,
    repaired: count,
  })
  .strict();

export const sceneDraftArgs = z
  .object({
    scene: z.object({ intExt: sceneIntExt.nullable(), location: z.string().max(300), time: z.string().max(100).nullable(), beat: z.string().max(2000) }).strict(),
    /** The scene's characters (at most 8 are slots the model knows). */
    characters: z.array(z.string().min(1).max(100)).max(8),
    /** Content words to aim for. */
    words: z.number().int().min(1).max(400).default(120),
    temperature: sceneTemperature,
    seed: uint32,
    /** Cues name only the scene's characters (default); evaluation turns it off. */
    constrainCues: z.boolean().default(true),
  })
  .strict();

/** The draft so far, as Fountain, each time an element is finished. */
export const sceneDraftPartial = z.object({ method: z.literal('draft'), fountain: z.string() }).strict();

export const sceneDraftResult = z
  .object({
    method: z.literal('draft'),
    fountain: z.string(),
    words: count,
    cues: count,
    knownCues: count,
  })
  .strict();

export const sceneEvaluateArgs = z
  .object({
    /** Next-scene proposals and drafts to draw from the held-out scenes. */
    count: z.number().int().min(1).max(512).default(32),
    temperature: sceneTemperature,
    seed: uint32,
    /** Words per evaluation draft. */
    words: z.number().int().min(10).max(400).default(80),
  })
  .strict();

export const sceneEvaluateResult = z
  .object({
    method: z.literal('evaluate'),
    /** The figures of src/workers/models/scene-generate.ts SceneEvaluation; null where there was nothing to measure. */
    metrics: z.record(z.string(), z.number().nullable()),
    /** Whether the folder had held-out scenes (scene-heldout.json). */
    heldOut: z.boolean(),
  })
  .strict();

// --- the contract: every kind, its spec and its methods ------------------------------------------

export interface MethodContract {
  args: z.ZodType;
  partial: z.ZodType;
  result: z.ZodType;
}

export const sessionContract = {
  'next-token-lstm': {
    title: 'next-token LSTM',
    spec: nextTokenLstmSpec,
    methods: {
      sample: { args: sampleArgs, partial: samplePartial, result: sampleResult },
    },
  },
  'music-vae': {
    title: 'music VAE',
    spec: musicVaeSpec,
    methods: {
      sample: { args: musicVaeSampleArgs, partial: noPartial, result: vaeTokensResult('sample') },
      encode: { args: musicVaeEncodeArgs, partial: noPartial, result: musicVaeEncodeResult },
      decode: { args: musicVaeDecodeArgs, partial: noPartial, result: vaeTokensResult('decode') },
      interpolate: { args: musicVaeInterpolateArgs, partial: noPartial, result: vaeTokensResult('interpolate') },
      /** `count` continuations of `steps` tokens; 'unavailable' when the model folder has no continuation companion. */
      continue: { args: musicVaeContinueArgs, partial: noPartial, result: vaeTokensResult('continue') },
      /** Like `sample`, aimed at a key, density and register through the model's latent GAN (the prior when it has none). */
      sampleWithAttributes: { args: musicVaeSampleWithAttributesArgs, partial: noPartial, result: musicVaeSampleWithAttributesResult },
    },
  },
  'scene-model': {
    title: 'scene',
    spec: sceneModelSpec,
    methods: {
      /** Next-scene candidates after the context: always valid headings (drawn again or repaired). */
      suggest: { args: sceneSuggestArgs, partial: noPartial, result: sceneSuggestResult },
      /** A scene's action and dialogue as Fountain, streamed as partials while it is written. */
      draft: { args: sceneDraftArgs, partial: sceneDraftPartial, result: sceneDraftResult },
      /** Held-out figures of both models (`montage eval scenes`). */
      evaluate: { args: sceneEvaluateArgs, partial: noPartial, result: sceneEvaluateResult },
    },
  },
  'image-tagger': {
    title: 'image recognition',
    spec: imageTaggerSpec,
    methods: {
      /** Objects (COCO class, score, box), embedding and thumbnail of one JPEG or PNG file (image-tagger-contract.ts). */
      tag: { args: imageTagArgs, partial: noPartial, result: imageTagResult },
      /** Only the embedding, for "find similar" and custom categories. */
      embed: { args: imageEmbedArgs, partial: noPartial, result: imageEmbedResult },
      /** Trains a dense head for custom categories on embeddings; a partial per epoch; cancellable. */
      trainHead: { args: imageTrainHeadArgs, partial: imageTrainHeadPartial, result: imageTrainHeadResult },
    },
  },
} as const satisfies Record<string, { title: string; spec: z.ZodType; methods: Record<string, MethodContract> }>;

type Contract = typeof sessionContract;
export type SessionKind = keyof Contract;
export const sessionKinds = Object.keys(sessionContract) as SessionKind[];

/** The spec as callers write it (defaults may be left out) and as the worker receives it. */
export type SessionSpecInput<K extends SessionKind> = z.input<Contract[K]['spec']>;
export type SessionSpec<K extends SessionKind> = z.output<Contract[K]['spec']>;
export type SessionMethod<K extends SessionKind> = keyof Contract[K]['methods'] & string;
type MethodOf<K extends SessionKind, M extends SessionMethod<K>> = Contract[K]['methods'][M] extends MethodContract ? Contract[K]['methods'][M] : never;
/** Arguments as callers write them, and as parsed (defaults filled in). */
export type SessionArgsInput<K extends SessionKind, M extends SessionMethod<K>> = z.input<MethodOf<K, M>['args']>;
export type SessionArgs<K extends SessionKind, M extends SessionMethod<K>> = z.output<MethodOf<K, M>['args']>;
export type SessionPartial<K extends SessionKind, M extends SessionMethod<K>> = z.output<MethodOf<K, M>['partial']>;
export type SessionResult<K extends SessionKind, M extends SessionMethod<K>> = z.output<MethodOf<K, M>['result']>;

/** Every request a session of kind K accepts, as a union discriminated by `method`. */
export type SessionCall<K extends SessionKind = SessionKind> = {
  [Kind in K]: { [M in SessionMethod<Kind>]: { method: M; args: SessionArgs<Kind, M> } }[SessionMethod<Kind>];
}[K];
/** Every result payload (discriminated by `method`). */
export type SessionResultPayload<K extends SessionKind = SessionKind> = {
  [Kind in K]: { [M in SessionMethod<Kind>]: SessionResult<Kind, M> }[SessionMethod<Kind>];
}[K];
/** Every partial payload (discriminated by `method`). */
export type SessionPartialPayload<K extends SessionKind = SessionKind> = {
  [Kind in K]: { [M in SessionMethod<Kind>]: SessionPartial<Kind, M> }[SessionMethod<Kind>];
}[K];

/** tf.memory() of the session process (live tensors and their bytes) and its resident size. */
export interface SessionMemory {
  tensors: number;
  bytes: number;
  /** The whole process (Node, tfjs, the wasm heap), as the OS counts it. */
  rss: number;
}

// --- messages ------------------------------------------------------------------------------------

/** Request ids are chosen by the host; unique per session process. */
const requestId = z.string().min(1).max(64);

export type HostToSession =
  | { type: 'load'; kind: SessionKind; spec: unknown }
  | { type: 'request'; id: string; method: string; args: unknown }
  | { type: 'cancel'; id: string }
  /** Dispose the model and exit. */
  | { type: 'unload' };

export type SessionToHost =
  /** Sent once the ML backend is chosen (before or while loading). */
  | { type: 'ready'; backend: BackendReport; memory: SessionMemory }
  | { type: 'loaded'; kind: SessionKind; parameters: number; loadMs: number; memory: SessionMemory }
  | { type: 'partial'; id: string; payload: unknown }
  | { type: 'result'; id: string; payload: unknown }
  /** `id` null: the session itself failed (backend or load); the process exits after it. */
  | { type: 'error'; id: string | null; error: SerializedStudioError }
  /** Sent after every request. */
  | ({ type: 'stats' } & SessionMemory);

const kindSchema = z.enum(sessionKinds as [SessionKind, ...SessionKind[]]);

const hostToSession = z.discriminatedUnion('type', [
  z.object({ type: z.literal('load'), kind: kindSchema, spec: z.unknown() }).strict(),
  z.object({ type: z.literal('request'), id: requestId, method: z.string().min(1).max(64), args: z.unknown() }).strict(),
  z.object({ type: z.literal('cancel'), id: requestId }).strict(),
  z.object({ type: z.literal('unload') }).strict(),
]);

const memory = z.object({ tensors: count, bytes: count, rss: count }).strict();
const backendReport = z
  .object({ name: z.string(), skipped: z.array(z.string()), detail: z.string(), tfjsVersion: z.string() })
  .strict();
const serializedError = z
  .object({
    code: z.enum(errorCodes),
    message: z.string().max(8192),
    issues: z.array(z.object({ path: z.string(), message: z.string() }).strict()).optional(),
  })
  .strict();

const sessionToHost = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), backend: backendReport, memory }).strict(),
  z.object({ type: z.literal('loaded'), kind: kindSchema, parameters: count, loadMs: z.number().nonnegative(), memory }).strict(),
  z.object({ type: z.literal('partial'), id: requestId, payload: z.unknown() }).strict(),
  z.object({ type: z.literal('result'), id: requestId, payload: z.unknown() }).strict(),
  z.object({ type: z.literal('error'), id: requestId.nullable(), error: serializedError }).strict(),
  z.object({ type: z.literal('stats'), tensors: count, bytes: count, rss: count }).strict(),
]);

export type Parsed<T> = { ok: true; value: T } | { ok: false; why: string };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(message)'}: ${i.message}`).join('; ');
}

/** Checks a message from the host (the worker side). */
export function parseHostToSession(m: unknown): Parsed<HostToSession> {
  const r = hostToSession.safeParse(m);
  return r.success ? { ok: true, value: r.data as HostToSession } : { ok: false, why: describeIssues(r.error) };
}

/** Checks a message from a session process (the host side). */
export function parseSessionToHost(m: unknown): Parsed<SessionToHost> {
  const r = sessionToHost.safeParse(m);
  return r.success ? { ok: true, value: r.data as SessionToHost } : { ok: false, why: describeIssues(r.error) };
}

export function isSessionKind(kind: unknown): kind is SessionKind {
  return typeof kind === 'string' && Object.hasOwn(sessionContract, kind);
}

/** The user-facing name of a kind ("next-token LSTM"). */
export function sessionTitle(kind: SessionKind): string {
  return sessionContract[kind].title;
}

function invalid(what: string, error: z.ZodError): StudioError {
  const issues = error.issues.map((i) => ({ path: i.path.join('.') || '(arguments)', message: i.message }));
  const first = issues[0];
  return new StudioError('invalid-argument', first ? `Invalid ${what} ${first.path}: ${first.message}` : `Invalid ${what}.`, issues);
}

function methodContract(kind: SessionKind, method: string): MethodContract {
  const methods: Record<string, MethodContract> = sessionContract[kind].methods;
  const contract = Object.hasOwn(methods, method) ? methods[method] : undefined;
  if (!contract) {
    throw new StudioError('invalid-argument', `A ${sessionTitle(kind)} session has no method "${method}" (it has ${Object.keys(methods).join(', ')}).`);
  }
  return contract;
}

/** Validates a spec (defaults filled in); throws StudioError invalid-argument. */
export function parseSessionSpec<K extends SessionKind>(kind: K, spec: unknown): SessionSpec<K> {
  if (!isSessionKind(kind)) throw new StudioError('invalid-argument', `There is no model session of kind "${String(kind)}".`);
  const r = sessionContract[kind].spec.safeParse(spec);
  if (!r.success) throw invalid(`${sessionTitle(kind)} model spec`, r.error);
  return r.data as SessionSpec<K>;
}

/** Validates a request's arguments (defaults filled in); throws StudioError invalid-argument. */
export function parseSessionArgs<K extends SessionKind, M extends SessionMethod<K>>(kind: K, method: M, args: unknown): SessionArgs<K, M> {
  const r = methodContract(kind, method).args.safeParse(args);
  if (!r.success) throw invalid(`${method} argument`, r.error);
  return r.data as SessionArgs<K, M>;
}

/** Checks a partial or result payload against the method's contract; `why` names what is wrong. */
export function parseSessionPayload<K extends SessionKind, M extends SessionMethod<K>, P extends 'partial' | 'result'>(
  kind: K,
  method: M,
  part: P,
  payload: unknown,
): Parsed<P extends 'partial' ? SessionPartial<K, M> : SessionResult<K, M>> {
  let contract: MethodContract;
  try {
    contract = methodContract(kind, method);
  } catch (err) {
    return { ok: false, why: (err as Error).message };
  }
  const r = contract[part].safeParse(payload);
  return r.success ? { ok: true, value: r.data as never } : { ok: false, why: describeIssues(r.error) };
}

/** The session's key: kind plus the spec with its keys sorted, so equal specs share a session. */
export function sessionKey(kind: SessionKind, spec: unknown): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) {
      return Object.fromEntries(
        Object.keys(v as Record<string, unknown>)
          .sort()
          .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    }
    return v;
  };
  return `${kind}:${JSON.stringify(canonical(spec))}`;
}
