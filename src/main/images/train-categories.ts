// The work of a `train-image-categories` job: learn the user's custom categories from the images
// they labelled, choose between k-NN and a dense head by accuracy on images each did not see,
// store the winner for the scope (a project, or all projects), and tag the scope's images with it.
//
// - k-NN: k of 1, 3, 5, 7 chosen by leave-one-out; its accuracy is the nested leave-one-out
//   (k chosen without the held-out image), the honest figure (src/shared/vision/leave-one-out.ts).
// - Dense head: trained in the image-tagger session (`trainHead`, a softmax layer), evaluated by
//   leave-one-out up to 30 images and by 10-fold cross-validation beyond (each fold a training of
//   about a tenth of a second), then trained once more on every image. Tried from 6 images.
// - The head is kept only when strictly more accurate: k-NN needs no training, and on a tie its
//   neighbours explain themselves.
// k-NN's evaluation runs in the host's thread: choosing k and the nested leave-one-out took 0.37 s
// for 200 images of 1,280 dims on the 2-core machine, and 2.2 s for 500, so a training reads at
// most 200 (maxCategoryExamples). The job yields before and after it and between folds, and stops
// between steps on cancel.
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { StudioError, type TrainCategoriesResult } from '../../shared/api';
import type { CategoryModel } from '../../shared/vision/category-model';
import { categoryPredictor } from '../../shared/vision/category-model';
import { predictDenseHead } from '../../shared/vision/dense-head';
import { stratifiedFolds } from '../../shared/vision/folds';
import { labelKey } from '../../shared/vision/labels';
import { chooseK, nestedLeaveOneOut } from '../../shared/vision/leave-one-out';
import type { LabelledEmbedding } from '../../shared/vision/types';
import type { HostJobContext } from '../jobs/job-manager';
import type { SessionManager } from '../sessions';

/** Fewest images the dense head is tried on. */
export const minDenseExamples = 6;
/** Up to this many images the head is evaluated by leave-one-out; beyond, by 10 folds. */
export const denseLeaveOneOutUpTo = 30;

export interface TrainedCategories {
  model: CategoryModel;
  result: Omit<TrainCategoriesResult, 'tagged'>;
  /** Category names as shown (one spelling per category). */
  categoryNames: string[];
}

const cancelled = (): StudioError => new StudioError('cancelled', 'Cancelled.');
const percent = (x: number): string => `${Math.round(x * 100)} %`;

/** Trains and chooses; `examples` are the labelled images, categories already in one spelling each. */
export async function trainCategoryModel(sessions: SessionManager, examples: readonly LabelledEmbedding[], ctx: HostJobContext): Promise<TrainedCategories> {
  const { signal } = ctx;
  const dims = examples[0]?.vector.length ?? 0;
  const categoryNames = [...new Map(examples.map((e) => [labelKey(e.label), e.label])).values()];
  ctx.progress(0.05, `Comparing ${examples.length} labelled images (k-NN, leave-one-out)…`);
  await yieldToLoop();
  const k = chooseK(examples);
  const knnAccuracy = nestedLeaveOneOut(examples).accuracy;
  ctx.message(`k-NN with k = ${k}: right on ${percent(knnAccuracy)} of the images left out.`);
  await yieldToLoop();
  if (signal.aborted) throw cancelled();

  let denseAccuracy: number | null = null;
  let head: CategoryModel | null = null;
  if (examples.length >= minDenseExamples) {
    const handle = await sessions.open('image-tagger', {});
    try {
      const train = async (rows: readonly LabelledEmbedding[]) => {
        const embeddings = new Float32Array(rows.length * dims);
        rows.forEach((r, i) => embeddings.set(r.vector, i * dims));
        return sessions.request(handle, 'trainHead', { embeddings, dims, labels: rows.map((r) => r.label), epochs: 100 }, { signal });
      };
      const folds = examples.length <= denseLeaveOneOutUpTo ? examples.length : 10;
      const foldOf = stratifiedFolds(examples.map((e) => e.label), folds, 1);
      let correct = 0;
      for (let f = 0; f < folds; f++) {
        ctx.progress(0.1 + (0.8 * f) / folds, `Dense head: ${folds === examples.length ? 'leave-one-out' : '10-fold'} evaluation ${f + 1} of ${folds}…`);
        const held = examples.filter((_, i) => foldOf[i] === f);
        const rest = examples.filter((_, i) => foldOf[i] !== f);
        if (held.length === 0 || new Set(rest.map((r) => labelKey(r.label))).size < 2) continue;
        const fitted = await train(rest);
        for (const h of held) if (labelKey(predictDenseHead(fitted, h.vector)[0]?.label ?? '') === labelKey(h.label)) correct++;
      }
      denseAccuracy = correct / examples.length;
      ctx.message(`Dense head: right on ${percent(denseAccuracy)} of the images left out.`);
      if (denseAccuracy > knnAccuracy) {
        ctx.progress(0.92, 'Training the dense head on every labelled image…');
        const fitted = await train(examples);
        head = { method: 'dense', dims: fitted.dims, labels: fitted.labels, weights: fitted.weights, bias: fitted.bias };
      }
    } finally {
      sessions.release(handle);
    }
  }
  if (signal.aborted) throw cancelled();
  const vectors = new Float32Array(examples.length * dims);
  examples.forEach((e, i) => vectors.set(e.vector, i * dims));
  const model: CategoryModel = head ?? { method: 'knn', k, dims, labels: examples.map((e) => e.label), vectors };
  return {
    model,
    categoryNames,
    result: {
      method: model.method,
      k: model.method === 'knn' ? k : null,
      accuracy: model.method === 'knn' ? knnAccuracy : (denseAccuracy ?? 0),
      knnAccuracy,
      denseAccuracy,
      examples: examples.length,
      categories: categoryNames.length,
    },
  };
}

/** The category the model gives each image (none when no category clearly wins). */
export function predictCategories(model: CategoryModel, images: readonly { assetId: string; vector: Float32Array }[]): { assetId: string; label: string; score: number }[] {
  const predict = categoryPredictor(model);
  return images.flatMap((image) => {
    const p = predict(image.vector);
    return p ? [{ assetId: image.assetId, label: p.label, score: Math.round(p.score * 1000) / 1000 }] : [];
  });
}
