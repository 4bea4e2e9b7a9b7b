import { describe, expect, it } from 'vitest';
import type { ModelInfo } from '../../shared/api';
import { rejection } from '../../shared/api/testing/rejection';
import type { SessionManager } from '../sessions';
import { createEventBus } from './event-bus';
import type { HostModelsService } from './models-service';
import { createSceneGenerationService } from './scene-generation-service';

const model = (id: string, name: string, kind: ModelInfo['kind']): ModelInfo => ({ id, name, kind }) as unknown as ModelInfo;
const melody = model('11111111-1111-4111-8111-111111111111', 'Tunes', 'melody');
const newer = model('22222222-2222-4222-8222-222222222222', 'Mine', 'scenes');
const shipped = model('33333333-3333-4333-8333-333333333333', 'Scene drafter (small)', 'scenes');
const fountain = 'INT. KITCHEN - NIGHT\n\n= Mara finds the letter.\n\nMARA\nHello.\n\nEXT. PIER - DAY\n\nJONAH\nNo.\n';

function fakes(all: ModelInfo[]) {
  const requests: { folder: string; method: string; args: Record<string, unknown> }[] = [];
  const records: { type: string; item?: string | null; data?: unknown }[] = [];
  const models = {
    list: async ({ kind }: { kind?: string }) => all.filter((m) => kind === undefined || m.kind === kind),
    folder: (id: string) => `/models/${id}`,
  } as unknown as HostModelsService;
  const sessions = {
    open: async (_kind: string, spec: { checkpoint: string }) => spec.checkpoint,
    release: () => undefined,
    request: async (folder: string, method: string, args: Record<string, unknown>) => {
      requests.push({ folder, method, args });
      if (method === 'suggest') return { method, candidates: [{ heading: 'EXT. PIER - DAY', intExt: 'EXT', location: 'PIER', time: 'DAY', characters: ['JONAH'], beat: '' }], validFirst: 1, resampled: 0, repaired: 0 };
      return { method, fountain: 'MARA\nHi.\n', words: 1, cues: 1, knownCues: 1 };
    },
  } as unknown as SessionManager;
  const service = createSceneGenerationService({
    models,
    sessions,
    bus: createEventBus(),
    history: { record: (r) => (records.push(r), true) },
    readScript: async () => ({ fountain, projectId: null }),
  });
  return { service, requests, records };
}

describe('scene generation service', () => {
  it('uses the newest scene model, reads the scenes up to afterScene and the cast, and records the request', async () => {
    const { service, requests, records } = fakes([newer, melody, shipped]);
    const s = await service.suggestScenes({ id: 'doc', count: 1, seed: 3, afterScene: 0 });
    expect(s.model).toEqual({ id: newer.id, name: 'Mine' });
    expect(requests[0]!.folder).toBe(`/models/${newer.id}`);
    expect(requests[0]!.args).toMatchObject({ count: 1, seed: 3, cast: ['MARA'], context: [{ intExt: 'INT', location: 'KITCHEN', time: 'NIGHT', characters: ['MARA'], beat: 'Mara finds the letter.' }] });
    expect(records[0]).toMatchObject({ type: 'generation.requested', item: `model:${newer.id}`, data: { mode: 'generate', args: { writer: 'scene', script: 'doc' } } });
    await service.draftScene({ id: 'doc', heading: 'EXT. PIER - DAY', characters: ['Jonah', 'jonah', 'MARA (V.O.)'], model: 'scene drafter (small)' });
    expect(requests[1]!.folder).toBe(`/models/${shipped.id}`);
    expect(requests[1]!.args).toMatchObject({ scene: { intExt: 'EXT', location: 'PIER', time: 'DAY', beat: '' }, characters: ['JONAH', 'MARA'] });
  });

  it('refuses a music model by name, and says when there is no scene model', async () => {
    const err = await rejection(fakes([melody, shipped]).service.suggestScenes({ id: 'doc', model: 'Tunes' }));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toBe('“Tunes” is a melody model; the scene writer needs a scene model (kind scenes).');
    expect((await rejection(fakes([melody]).service.draftScene({ id: 'doc', heading: 'INT. ROOM - DAY' }))).code).toBe('not-found');
  });

  it('records accepts and rejects', async () => {
    const { service, records } = fakes([newer]);
    await service.recordSuggestion({ id: 'doc', kind: 'draft', accepted: false, model: newer.id });
    expect(records[0]).toMatchObject({ type: 'scene.rejected', data: { args: { writer: 'draft', script: 'doc' } } });
  });
});
