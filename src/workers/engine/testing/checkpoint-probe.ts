// Test support, run as a child process by the checkpoint tests: loads the checkpoint in argv[2]
// into a freshly built TinySequenceModel (built with another seed, so only the checkpoint can make
// its outputs match) and prints its prediction on the probe input as JSON.
import { selectBackend } from '../../backend/select-backend';
import { readCheckpoint } from '../training/checkpoint';
import { restoreModel } from '../training/training-loop';
import { probeInput, TinySequenceModel } from './tiny-sequence-model';

const directory = process.argv[2];
if (!directory) throw new Error('usage: checkpoint-probe <checkpoint directory>');
await selectBackend({ force: 'wasm' });
const loaded = await readCheckpoint(directory);
if (!loaded) throw new Error(`no checkpoint in ${directory}`);
const model = new TinySequenceModel(12345);
restoreModel(model.variables, loaded.tensors);
const out = model.predict(probeInput());
process.stdout.write(JSON.stringify({ step: loaded.step, prediction: Array.from(out.dataSync()) }));
