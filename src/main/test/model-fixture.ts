// A minimal music model folder for tests: a tfjs model.json naming one weights file of two float32
// tensors (6 + 2 values = 32 bytes) and a music-model.json manifest. Options break it on purpose.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MusicModelManifestInput } from '../../shared/models/manifest';

export interface ModelFixtureOptions {
  /** Fields over the good manifest's; any value, so tests can write a wrong one. */
  manifest?: { [K in keyof MusicModelManifestInput]?: unknown } & Record<string, unknown>;
  /** Write this instead of the manifest JSON (e.g. "{not json"). */
  rawManifest?: string;
  /** Leave out music-model.json. */
  noManifest?: boolean;
  /** Leave out model.json. */
  noModelJson?: boolean;
  /** Bytes of the weights file (default 32, what model.json needs). */
  weightBytes?: number;
  /** Leave out the weights file. */
  noWeights?: boolean;
  card?: string;
}

export const fixtureManifest = (overrides: ModelFixtureOptions['manifest'] = {}): Record<string, unknown> => ({
  format: 'montage-music-model',
  version: 1,
  kind: 'melody',
  configName: 'melody-2bar-tiny',
  config: { encoderUnits: 8, decoderUnits: 8, latentSize: 4, seed: 1 },
  vocabulary: 90,
  steps: 32,
  metrics: { accuracy: 0.625, loss: 1.8341, kl: 12.5 },
  ...overrides,
});

/** Writes a model folder at `dir` (created) and answers it. */
export function writeModelFixture(dir: string, options: ModelFixtureOptions = {}): string {
  mkdirSync(dir, { recursive: true });
  if (!options.noModelJson) {
    const modelJson = {
      format: 'montage-checkpoint/1',
      generatedBy: 'test',
      convertedBy: null,
      weightsManifest: [
        {
          paths: ['weights-00000010.bin'],
          weights: [
            { name: 'model/encoder/kernel', shape: [2, 3], dtype: 'float32' },
            { name: 'model/encoder/bias', shape: [2], dtype: 'float32' },
          ],
        },
      ],
      userDefinedMetadata: { step: 10 },
    };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(modelJson));
  }
  if (!options.noWeights) writeFileSync(join(dir, 'weights-00000010.bin'), Buffer.alloc(options.weightBytes ?? 32, 7));
  if (options.rawManifest !== undefined) writeFileSync(join(dir, 'music-model.json'), options.rawManifest);
  else if (!options.noManifest) writeFileSync(join(dir, 'music-model.json'), JSON.stringify(fixtureManifest(options.manifest)));
  if (options.card !== undefined) writeFileSync(join(dir, 'MODEL_CARD.md'), options.card);
  return dir;
}
