// For you's word on an image it offers: a tag the image shares with images the user has used
// ("Tagged ‘dog’, like “park.jpg”"): the image's best tag first and, for each, the most used
// other image with it. "Used" is the caller's list, most used first (images with events that say
// something about taste: imported, opened, labelled; not recommendations shown).
import { labelKey } from '../../shared/vision/labels';

export interface ImageExplainDeps {
  /** An image's category and top tags, best first; null when it is no image (or gone). */
  tagsOf(assetId: string): string[] | null;
  nameOf(assetId: string): string | null;
  /** Image asset ids the user used, most used first. */
  used(): string[];
}

export function sharedTagLine(item: string, deps: ImageExplainDeps): string | null {
  if (!item.startsWith('asset:')) return null;
  const id = item.slice('asset:'.length);
  const own = deps.tagsOf(id);
  if (!own || own.length === 0) return null;
  const others = deps
    .used()
    .filter((other) => other !== id)
    .map((other) => ({ id: other, keys: new Set((deps.tagsOf(other) ?? []).map(labelKey)) }));
  for (const label of own) {
    for (const other of others) {
      if (!other.keys.has(labelKey(label))) continue;
      const name = deps.nameOf(other.id);
      if (name !== null) return `Tagged ‘${label}’, like “${name}”`;
    }
  }
  return null;
}
