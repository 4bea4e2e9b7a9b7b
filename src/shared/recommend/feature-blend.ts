// Item features in For you's ranking: an image's tags and category ("dog", "Location scouting").
// The collaborative models see only which items were used together, so a photo never used with
// anything scores nothing from the photos used now, however alike they look. Here each item with
// features gets a content score, the cosine between its features and those of the items used now
// (in this project and session, each event counting its weight), and the ranking blends it in: the model's
// scores scaled to 0…1 over the eligible items, plus `contentWeight` × the content score. Items
// without features keep their order among themselves.

/** How much the content score counts beside the model's (scaled) score: as much (a photo that is
 * all the now row's tags is worth the model's best, so a photo never used with anything can lead). */
export const contentWeight = 1;

/** Features by item key; items not in it have none. */
export type ItemFeatures = Readonly<Record<string, readonly string[]>>;

/** The feature profile of a row: each feature's summed item weight, over the items with features. */
export function featureProfile(items: readonly { item: string; weight: number }[], features: ItemFeatures): Map<string, number> {
  const profile = new Map<string, number>();
  for (const { item, weight } of items) for (const f of features[item] ?? []) profile.set(f, (profile.get(f) ?? 0) + weight);
  return profile;
}

/** Cosine between an item's (binary) features and a profile; 0 when either is empty. */
export function contentScore(itemFeatures: readonly string[], profile: ReadonlyMap<string, number>): number {
  if (itemFeatures.length === 0 || profile.size === 0) return 0;
  let dot = 0;
  for (const f of new Set(itemFeatures)) dot += profile.get(f) ?? 0;
  let norm = 0;
  for (const w of profile.values()) norm += w * w;
  return dot / (Math.sqrt(new Set(itemFeatures).size) * Math.sqrt(norm));
}

/**
 * Blends content scores into `scores` in place, for the finite (eligible) entries: the model's
 * scores scaled to 0…1, plus contentWeight × content for items with features. Does nothing when no
 * eligible item has features or the profile is empty.
 */
export function blendFeatures(scores: Float32Array, itemIds: readonly string[], features: ItemFeatures, profile: ReadonlyMap<string, number>): void {
  const content = new Map<number, number>();
  for (let i = 0; i < scores.length; i++) {
    const f = features[itemIds[i] as string];
    if (f && Number.isFinite(scores[i] as number)) content.set(i, contentScore(f, profile));
  }
  if (![...content.values()].some((c) => c > 0)) return;
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of scores) {
    if (!Number.isFinite(s)) continue;
    lo = Math.min(lo, s);
    hi = Math.max(hi, s);
  }
  const span = hi > lo ? hi - lo : 1;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i] as number;
    if (Number.isFinite(s)) scores[i] = (s - lo) / span + contentWeight * (content.get(i) ?? 0);
  }
}
