// The task context the training scripts run tasks with: never cancelled, every message printed
// as `[name] text`, and a progress line at most every 15 s (a long run stays readable in a log).
import type { TaskContext } from '../src/workers/tasks/task-context';

export function consoleTaskContext(name: string): TaskContext {
  let lastPrint = 0;
  return {
    signal: new AbortController().signal,
    message: (text) => console.log(`[${name}] ${text}`),
    progress: (p) => {
      if (performance.now() - lastPrint < 15_000) return;
      lastPrint = performance.now();
      console.log(`[${name}] ${p.text}`);
    },
  };
}
