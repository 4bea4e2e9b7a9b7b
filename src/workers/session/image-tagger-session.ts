// The "image-tagger" session: the COCO detector and MobileNetV2 embedder (src/workers/vision)
// loaded once from the packages that ship them, then asked to `tag` image files (objects with
// boxes, embedding, thumbnail), `embed` them, or `trainHead` (a dense head for custom categories,
// a partial per reported epoch, cancelled between epochs). A file that is not a JPEG or PNG image,
// is damaged or too large fails its request with invalid-argument and a sentence naming it; the
// session carries on.
import type { SessionArgs, SessionPartial, SessionResult, SessionSpec } from '../../shared/sessions/protocol';
import { trainDenseHead } from '../vision/dense-head';
import { ImageTagger } from '../vision/image-tagger';
import { checkpoint, type LoadedModel, type RequestContext } from './request-context';

type Args<M extends 'tag' | 'embed' | 'trainHead'> = SessionArgs<'image-tagger', M>;
type Result<M extends 'tag' | 'embed' | 'trainHead'> = SessionResult<'image-tagger', M>;

/** Handlers over a loaded tagger (tests call this with one they loaded). */
export function imageTaggerHandlers(tagger: ImageTagger): LoadedModel<'image-tagger'> {
  return {
    parameters: tagger.parameters,
    methods: {
      async tag(args: Args<'tag'>, context: RequestContext<never>): Promise<Result<'tag'>> {
        const r = await tagger.tag(args.image, {
          ...(args.name === undefined ? {} : { name: args.name }),
          minScore: args.minScore,
          iouThreshold: args.iouThreshold,
          maxTags: args.maxTags,
          thumbnailSize: args.thumbnailSize,
          embedding: args.embedding,
          between: () => checkpoint(context.signal),
        });
        return { method: 'tag', ...r };
      },
      async embed(args: Args<'embed'>, context: RequestContext<never>): Promise<Result<'embed'>> {
        await checkpoint(context.signal);
        return { method: 'embed', ...(await tagger.embed(args.image, args.name)) };
      },
      async trainHead(args: Args<'trainHead'>, context: RequestContext<SessionPartial<'image-tagger', 'trainHead'>>): Promise<Result<'trainHead'>> {
        const examples = args.labels.map((label, i) => ({ label, vector: args.embeddings.subarray(i * args.dims, (i + 1) * args.dims) }));
        // About 20 progress reports per run, and the last epoch.
        const every = Math.max(1, Math.round(args.epochs / 20));
        const head = await trainDenseHead(examples, {
          epochs: args.epochs,
          learningRate: args.learningRate,
          l2: args.l2,
          signal: context.signal,
          onProgress: (p) => {
            if (p.epoch % every === 0 || p.epoch === p.epochs) context.partial({ method: 'trainHead', ...p });
          },
        });
        return { method: 'trainHead', ...head };
      },
    },
    dispose: () => tagger.dispose(),
  };
}

export async function loadImageTaggerSession(_spec: SessionSpec<'image-tagger'>): Promise<LoadedModel<'image-tagger'>> {
  return imageTaggerHandlers(await ImageTagger.load());
}
