// Ids for new notes and tracks, made where they are created (renderer, host, importers) without
// crypto or Node, so this stays pure shared code. A per-process counter makes ids from one process
// unique; the random prefix (about 52 bits) keeps two windows or a host and a renderer from
// colliding. Ids only need to be unique within one song; this is far more than enough.
let counter = Math.floor(Math.random() * 36 ** 4);
let prefix = randomChars(10);

function randomChars(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(Math.random() * 36).toString(36);
  return s;
}

/** A fresh 16-character id of [0-9a-z]. */
export function newId(): string {
  counter++;
  // Six base-36 digits hold 2.1 billion ids; past that, take a new random prefix and start over.
  if (counter >= 36 ** 6) {
    counter = 0;
    prefix = randomChars(10);
  }
  return prefix + counter.toString(36).padStart(6, '0');
}
