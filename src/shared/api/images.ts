// Images service contract: the JPEG and PNG assets of a project as images. Each is tagged by the
// host after import (objects with scores and boxes from the COCO detector, a 1,280-d embedding and
// a thumbnail, in the `image-tagger` model session); images can be searched by tag, compared
// ("find similar"), and given custom categories by the user, from which a classifier is trained
// (a `train-image-categories` job) that tags new imports. Uploading, renaming and deleting are the
// assets service's; thumbnails are served like asset files, by content hash.
import { z } from 'zod';
import type { AssetId, ProjectId } from '../ids';
import { cleanLabel, maxLabelLength } from '../vision/labels';
import type { ImageBox } from '../vision/types';
import { assetId } from './assets';
import type { Job } from './jobs';
import { projectId } from './projects';

/**
 * Where an image's tagging stands: `pending` (waiting its turn), `tagging` (in the session now),
 * `tagged`, or `failed` (the reason in `error`; the image stays, and `retag` tries again).
 */
export const taggingStates = ['pending', 'tagging', 'tagged', 'failed'] as const;
export type TaggingState = (typeof taggingStates)[number];

/** `detector`: a COCO object with its box; `custom`: one of the user's categories, predicted. */
export const imageTagSources = ['detector', 'custom'] as const;
export type ImageTagSource = (typeof imageTagSources)[number];

export interface ImageTagInfo {
  label: string;
  /** 0…1: the detector's score, or the category's share of the vote (k-NN) or probability (dense head). */
  score: number;
  /** In the pixels of the image as displayed; null for a predicted category. */
  box: ImageBox | null;
  source: ImageTagSource;
}

export interface ImageInfo {
  assetId: AssetId;
  projectId: ProjectId;
  name: string;
  mime: string;
  bytes: number;
  /** The file's content hash (the asset URL's last part). */
  hash: string;
  createdAt: number;
  state: TaggingState;
  /** Why tagging failed (state `failed`), in a sentence. */
  error: string | null;
  /** As displayed (EXIF orientation applied), once tagged. */
  width: number | null;
  height: number | null;
  /** A 256 px JPEG, served like an asset file at its own content hash. */
  thumbnail: { hash: string; width: number; height: number } | null;
  /** Best first. `list` and `search` give the top few labels; `get` gives every tag. */
  tags: ImageTagInfo[];
  /** The category the user gave this image (a training example), or null. */
  category: string | null;
  taggedAt: number | null;
  /** How long the model session took to tag it. */
  taggingMs: number | null;
}

export interface SimilarImage {
  image: ImageInfo;
  /** Cosine similarity of the embeddings, −1…1. */
  similarity: number;
  projectName: string;
}

export interface FindSimilarResult {
  items: SimilarImage[];
  /** Images compared. */
  compared: number;
  ms: number;
}

export interface ImageCategoryCount {
  name: string;
  examples: number;
}

/** The trained classifier of a scope (a project, or all projects). */
export interface ImageClassifierInfo {
  projectId: ProjectId | null;
  method: 'knn' | 'dense';
  /** k-NN's k (chosen by leave-one-out); null for the dense head. */
  k: number | null;
  /** The chosen method's accuracy on examples it did not see (see TrainCategoriesResult). */
  accuracy: number;
  knnAccuracy: number;
  denseAccuracy: number | null;
  examples: number;
  categories: string[];
  trainedAt: number;
}

export interface ImageCategories {
  /** The user's categories in the scope, with how many images each has. */
  categories: ImageCategoryCount[];
  /** The classifier that tags new imports of the scope (a project's own, else the one for all projects). */
  classifier: ImageClassifierInfo | null;
}

/** A train-image-categories job's result summary (Job.result). */
export interface TrainCategoriesResult {
  method: 'knn' | 'dense';
  k: number | null;
  /** The chosen method's accuracy: k-NN's by nested leave-one-out (k chosen without the held-out image), the head's by leave-one-out up to 30 images and 10-fold cross-validation beyond. */
  accuracy: number;
  knnAccuracy: number;
  denseAccuracy: number | null;
  examples: number;
  categories: number;
  /** Images of the scope given a category tag by the new classifier. */
  tagged: number;
}

/** Labelled images one training reads at most (k-NN's nested leave-one-out runs in the host: 0.37 s at 200, 2.2 s at 500). */
export const maxCategoryExamples = 200;

export const categoryName = z
  .string()
  .max(maxLabelLength * 4, `Category names are at most ${maxLabelLength} characters.`)
  .transform(cleanLabel)
  .pipe(z.string().min(1, 'A category needs a name.'));

const tagQuery = z
  .string()
  .max(100, 'Search for a tag of at most 100 characters.')
  .transform((s) => s.trim())
  .pipe(z.string().min(1, 'Type a tag to search for.'));

export const similarScopes = ['project', 'all'] as const;

export const imagesArgs = {
  list: z.object({ projectId }).strict(),
  get: z.object({ assetId }).strict(),
  retag: z.object({ assetId }).strict(),
  findSimilar: z
    .object({
      assetId,
      limit: z.number().int().min(1).max(50).default(8),
      /** This image's project, or every project. */
      scope: z.enum(similarScopes).default('project'),
    })
    .strict(),
  search: z
    .object({
      /** Absent: every project. */
      projectId: projectId.optional(),
      /** A tag, or the start of one ("do" finds dog): detector labels, predicted and given categories. */
      tag: tagQuery,
      limit: z.number().int().min(1).max(500).default(200),
    })
    .strict(),
  label: z.object({ assetId, category: categoryName }).strict(),
  unlabel: z.object({ assetId }).strict(),
  categories: z.object({ projectId: projectId.optional() }).strict(),
  trainCategories: z.object({ projectId: projectId.optional() }).strict(),
};

export interface ImagesService {
  /** The project's images, newest first, with their tagging state, thumbnail and top tags. */
  list(args: z.input<typeof imagesArgs.list>): Promise<ImageInfo[]>;
  /** One image with every tag and box. */
  get(args: z.input<typeof imagesArgs.get>): Promise<ImageInfo>;
  /** Tags the image again (after a failure); answers it as it now stands (pending). */
  retag(args: z.input<typeof imagesArgs.retag>): Promise<ImageInfo>;
  /** The images whose embeddings are nearest this one's, most similar first. */
  findSimilar(args: z.input<typeof imagesArgs.findSimilar>): Promise<FindSimilarResult>;
  /** Images with a tag or category matching the query, best match first. */
  search(args: z.input<typeof imagesArgs.search>): Promise<ImageInfo[]>;
  /** Gives the image a category (replacing its previous one): an example to train on. */
  label(args: z.input<typeof imagesArgs.label>): Promise<ImageInfo>;
  unlabel(args: z.input<typeof imagesArgs.unlabel>): Promise<ImageInfo>;
  categories(args: z.input<typeof imagesArgs.categories>): Promise<ImageCategories>;
  /** Starts a train-image-categories job on the labelled images of the project (or of all projects). */
  trainCategories(args: z.input<typeof imagesArgs.trainCategories>): Promise<Job>;
}
