// Collapses bursts of "refetch X" requests (five onProjectsChanged in a row) into at most one fetch
// in flight plus one queued behind it, so the mirror ends on the host's latest state without a
// request per event.
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    try {
      do {
        again = false;
        await task();
      } while (again);
    } finally {
      running = null;
    }
  };
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = run();
    return running;
  };
}
