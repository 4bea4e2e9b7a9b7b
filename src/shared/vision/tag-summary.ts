// An image's tags in short: the best tag of each distinct label (a photo of three people has one
// "person" chip, with the best score), best first, at most n. The images list, chips in the grid
// and the history's event data all show this summary rather than every box.
import { labelKey } from './labels';

export function topTags<T extends { label: string; score: number }>(tags: readonly T[], n: number): T[] {
  const best = new Map<string, T>();
  for (const t of tags) {
    const key = labelKey(t.label);
    const seen = best.get(key);
    if (!seen || t.score > seen.score) best.set(key, t);
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.label.localeCompare(b.label)).slice(0, Math.max(0, n));
}

export const topTagLabels = (tags: readonly { label: string; score: number }[], n: number): string[] => topTags(tags, n).map((t) => t.label);
