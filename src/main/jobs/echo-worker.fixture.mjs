// Test fixture for worker-process.test.ts: a stand-in worker that answers a 'start' with a
// 'result' holding the job it was sent plus arrays of its own, so the test sees what crosses the
// IPC channel in both directions. Not part of the product.
// A job's `answerAs` makes the result claim another task kind (for the host's kind check).
process.on('message', (m) => {
  if (m?.type !== 'start') return;
  const made = { u8: new Uint8Array([1, 2, 255]), f32: new Float32Array([0.25, -1]) };
  const arrived = Object.fromEntries(Object.entries(m.job.payload ?? {}).map(([k, v]) => [k, v?.constructor?.name]));
  const result = { ...m.job, task: m.job.answerAs ?? m.job.task, made, arrived };
  process.send({ type: 'result', id: m.id, result }, () => process.disconnect());
});
process.on('disconnect', () => process.exit(0));
