// Worker-thread entry for the data-parallel experiment: registers tsx's loader in this thread
// (worker_threads do not inherit the parent's --import) and then runs the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./replica-worker.ts');
