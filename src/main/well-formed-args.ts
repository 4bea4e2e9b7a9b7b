// Finds text that is not well-formed UTF-16 (a lone surrogate) anywhere in an API argument.
// JSON (`"\ud800"`) and Electron's structured clone both carry lone surrogates, SQLite would store
// them as invalid UTF-8, and the value read back would differ from the one acknowledged. So the
// host refuses them once, for every method, before any schema sees the argument.

/** Matches a surrogate code unit that is not half of a pair (the `u` flag pairs the rest). */
const loneSurrogate = /\p{Cs}/u;

interface At {
  parent: At | null;
  key: string;
}

function pathOf(at: At | null): string {
  const keys: string[] = [];
  for (let a = at; a; a = a.parent) keys.push(a.key.replace(/\p{Cs}/gu, '\ufffd'));
  return keys.reverse().join('.') || '(arguments)';
}

/** The path (`name`, `items.2.title`) of a string or key with a lone surrogate, or null if none. */
export function findIllFormedText(value: unknown): string | null {
  // Iterative, with parent links instead of copied paths, so a deeply nested argument (1 MiB of
  // `[[[…`) can neither overflow the stack nor take quadratic time.
  const stack: { value: unknown; at: At | null }[] = [{ value, at: null }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: v, at } = stack.pop()!;
    if (typeof v === 'string') {
      if (loneSurrogate.test(v)) return pathOf(at);
      continue;
    }
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    for (const [key, child] of Object.entries(v)) {
      const here = { parent: at, key };
      if (loneSurrogate.test(key)) return pathOf(here);
      stack.push({ value: child, at: here });
    }
  }
  return null;
}
