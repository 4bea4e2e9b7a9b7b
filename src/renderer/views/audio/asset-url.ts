// The one place that knows how the page reaches an asset's bytes: Electron serves them on its own
// montage-asset:// scheme (the page is a file:// URL with no server behind it), serve mode on
// GET /assets/… of the page's own origin, where the token cookie comes along.
export function assetUrl(projectId: string, hash: string): string {
  if (typeof window !== 'undefined' && window.montage) return `montage-asset://${projectId}/${hash}`;
  return new URL(`/assets/${projectId}/${hash}`, location.origin).href;
}
