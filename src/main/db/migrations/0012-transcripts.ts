// Migration 12: the transcript of an audio asset (speech recognition, the `transcribe` job). One
// row per asset, replaced when the asset is transcribed again; it goes with its asset (ON DELETE
// CASCADE), so deleting the audio file, or purging its project, removes its words too. The words
// are a JSON array of {word, start, end, confidence?} (seconds in the audio): they are only ever
// read and written whole, for one asset at a time, and an hour of speech is a few hundred KB.
export const up = `
CREATE TABLE transcripts (
  asset_id TEXT PRIMARY KEY REFERENCES assets (id) ON DELETE CASCADE,
  engine TEXT NOT NULL,
  duration_seconds REAL NOT NULL CHECK (duration_seconds >= 0),
  seconds REAL NOT NULL CHECK (seconds >= 0),
  words_json TEXT NOT NULL CHECK (json_valid(words_json) AND json_type(words_json) = 'array'),
  text TEXT NOT NULL,
  note TEXT,
  created_at INTEGER NOT NULL
);
`;
