// Which keys to print: ⌘ on a Mac, Ctrl elsewhere. Both work everywhere (see lib/keyboard.ts);
// this only decides how the shortcuts overlay and tooltips name them.
export function isMac(): boolean {
  const nav = globalThis.navigator as (Navigator & { userAgentData?: { platform?: string } }) | undefined;
  const platform = nav?.userAgentData?.platform ?? nav?.platform ?? '';
  return /mac|iphone|ipad/i.test(platform);
}
