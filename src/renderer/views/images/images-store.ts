// The open project's images and everything the Images section shows about them: a mirror of
// `images.list`, refreshed on onImagesChanged and onAssetsChanged (an image uploaded, renamed or
// deleted) and on reconnect; the uploads in progress (chunked, like audio, through the assets
// service, with a Cancel each); the search by tag (the host's `images.search`, debounced); and the
// image whose panel is open.
import { create } from 'zustand';
import { StudioError, type ImageCategories, type ImageInfo } from '../../../shared/api';
import type { StudioClient } from '../../client/studio-client';
import { coalesce } from '../../stores/coalesce';
import { reportError } from '../../stores/ui-store';
import { assetUploader, type UploadProgress } from '../../stores/asset-uploads';
import { checkImageUpload, headBytes } from './image-logic';


interface ImagesState {
  projectId: string | null;
  images: ImageInfo[];
  loaded: boolean;
  uploads: UploadProgress[];
  /** Refusals of the last import, said at the control. */
  errors: string[];
  query: string;
  /** Ids of the images matching the query in the host's order; null while there is no query. */
  matches: string[] | null;
  searchError: string | null;
  /** The image whose panel is open. */
  selected: string | null;
  /** The project's categories and the classifier that tags its images. */
  categories: ImageCategories | null;
}

const initial = { images: [], loaded: false, errors: [], query: '', matches: null, searchError: null, selected: null, categories: null };
export const useImagesStore = create<ImagesState>()(() => ({ projectId: null, uploads: [], ...initial }));

let searchSeq = 0;
const runSearch = async (client: StudioClient, projectId: string, query: string): Promise<void> => {
  const seq = ++searchSeq;
  if (query.trim() === '') {
    useImagesStore.setState({ matches: null, searchError: null });
    return;
  }
  try {
    const found = await client.call('images', 'search', { projectId, tag: query });
    if (seq === searchSeq) useImagesStore.setState({ matches: found.map((i) => i.assetId), searchError: null });
  } catch (err) {
    if (seq === searchSeq) useImagesStore.setState({ matches: [], searchError: StudioError.from(err).message });
  }
};

/** Loads the project's images and keeps them fresh while it is shown; returns the stop. */
export function watchImages(client: StudioClient, projectId: string): () => void {
  if (useImagesStore.getState().projectId !== projectId) useImagesStore.setState({ projectId, ...initial });
  const refresh = coalesce(async () => {
    const [images, categories] = await Promise.all([client.call('images', 'list', { projectId }), client.call('images', 'categories', { projectId })]);
    if (useImagesStore.getState().projectId !== projectId) return;
    useImagesStore.setState({ images, categories, loaded: true });
    const { query } = useImagesStore.getState();
    if (query.trim() !== '') await runSearch(client, projectId, query);
  });
  const reload = () => void refresh().catch(reportError);
  reload();
  const stops = [
    client.on('onImagesChanged', (change) => {
      if (change.projectId === projectId) reload();
    }),
    client.on('onAssetsChanged', (change) => {
      if (change.projectId === projectId && change.asset.kind === 'image') reload();
    }),
    client.onConnection((state) => {
      if (state === 'connected') reload();
    }),
  ];
  return () => stops.forEach((stop) => stop());
}

let searchTimer: ReturnType<typeof setTimeout> | null = null;

/** Filters the grid by tag, asking the host after a short pause in typing. */
export function setImageQuery(client: StudioClient, projectId: string, query: string): void {
  useImagesStore.setState({ query });
  if (searchTimer) clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void runSearch(client, projectId, query), query.trim() === '' ? 0 : 200);
}

export const selectImage = (assetId: string | null): void => useImagesStore.setState({ selected: assetId });

const uploader = assetUploader(useImagesStore, 'i');

/** Uploads one image in chunks with a progress row; answers the refusal or failure in a user's words, or null. */
async function uploadImageFile(client: StudioClient, projectId: string, file: File): Promise<string | null> {
  const refusal = checkImageUpload(file.name, file.size, new Uint8Array(await file.slice(0, headBytes).arrayBuffer()));
  return refusal ?? (await uploader.upload(client, projectId, file)).error;
}

/** Uploads image files one after another; refusals are collected in `errors`. */
export async function uploadImageFiles(client: StudioClient, projectId: string, files: File[]): Promise<void> {
  useImagesStore.setState({ errors: [] });
  const errors: string[] = [];
  for (const file of files) {
    const error = await uploadImageFile(client, projectId, file);
    if (error) errors.push(error);
  }
  useImagesStore.setState({ errors });
}

/** Stops an upload after its current chunk; the host removes what it had received. */
export const cancelImageUpload = (key: string): void => uploader.cancel(key);
