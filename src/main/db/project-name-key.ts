// The normalised form of a project name that the UNIQUE index of migration 3 compares. Changing
// it changes which names collide, so it needs a new migration that recomputes `name_key`.
//
// - trim: the API trims names already; the key must not depend on that.
// - NFC: "é" typed on one system and "e + combining acute" from another (macOS file names) are the
//   same name on screen, so they are the same key.
// - toUpperCase().toLowerCase(): locale-independent (a Turkish locale's toLocaleLowerCase maps
//   "I" to "ı", so the same database would get different keys on another machine) and closer to
//   Unicode case folding than toLowerCase alone ("straße" and "STRASSE" collide).
// Not NFKC: it would also merge names that look different ("Track²" and "Track2").
export function projectNameKey(name: string): string {
  return name.trim().normalize('NFC').toUpperCase().toLowerCase().normalize('NFC');
}
