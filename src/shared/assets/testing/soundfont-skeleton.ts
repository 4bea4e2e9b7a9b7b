// A soundfont's chunk skeleton for tests: RIFF 'sfbk' holding the lists asked for (INFO, sdta and
// pdta make a whole one), each with one small chunk. Enough for the import checks, not for playing.
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
export const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];
const list = (type: string, body: number[]) => [...ascii('LIST'), ...u32le(body.length + 4), ...ascii(type), ...body];

export function soundfontSkeleton(lists = ['INFO', 'sdta', 'pdta']): Uint8Array {
  const body = lists.flatMap((type) => list(type, [...ascii('abcd'), ...u32le(2), 1, 2]));
  return Uint8Array.from([...ascii('RIFF'), ...u32le(body.length + 4), ...ascii('sfbk'), ...body]);
}
