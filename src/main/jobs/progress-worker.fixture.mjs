// Test fixture for job-manager.test.ts: a stand-in worker that answers a 'start' with a burst of
// 50 progress reports, each with a metric point, then a result. Not part of the product.
process.on('message', (m) => {
  if (m?.type !== 'start') return;
  for (let step = 1; step <= 50; step++) {
    process.send({ type: 'progress', id: m.id, fraction: step / 50, text: `Step ${step} of 50`, point: { step, loss: 1 / step } });
  }
  process.send({ type: 'result', id: m.id, result: m.job }, () => process.disconnect());
});
process.on('disconnect', () => process.exit(0));
