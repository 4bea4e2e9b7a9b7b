// Custom category names as users type them: "Beach ", "beach" and "BEACH" are one category.
// cleanLabel gives the name to show (Unicode NFC, no control characters, spaces collapsed and
// trimmed, at most maxLabelLength characters); labelKey gives the key to compare and group by
// (cleanLabel, case-folded).

export const maxLabelLength = 64;

/** The label as shown; '' when nothing printable is left. */
export function cleanLabel(raw: string): string {
  const text = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = [...text];
  return chars.length > maxLabelLength ? chars.slice(0, maxLabelLength).join('').trimEnd() : text;
}

/** The key two labels share when they name the same category. */
export function labelKey(raw: string): string {
  return cleanLabel(raw).toLowerCase();
}

/** Groups labels by key, keeping the first spelling seen as the shown name. */
export function distinctLabels(raw: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const r of raw) {
    const shown = cleanLabel(r);
    const key = shown.toLowerCase();
    if (shown !== '' && !seen.has(key)) seen.set(key, shown);
  }
  return [...seen.values()];
}
