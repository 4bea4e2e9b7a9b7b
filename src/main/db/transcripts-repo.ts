// SQL for the transcripts of audio assets (migration 12). A transcript is visible only while its
// asset is (the asset's project live); it is written only for a live asset, so a transcription
// that finishes after its audio was deleted stores nothing and says so.
import type { AssetTranscript } from '../../shared/api';
import type { AssetId } from '../../shared/ids';
import type { SpeechEngineName, TranscriptWord } from '../../shared/speech/transcript';
import type { Db } from './database';
import { guardStorage } from './storage-errors';

interface TranscriptRow {
  asset_id: string;
  engine: string;
  duration_seconds: number;
  seconds: number;
  words_json: string;
  text: string;
  note: string | null;
  created_at: number;
}

const toTranscript = (r: TranscriptRow): AssetTranscript => ({
  assetId: r.asset_id as AssetId,
  engine: r.engine as SpeechEngineName,
  durationSeconds: r.duration_seconds,
  seconds: r.seconds,
  words: JSON.parse(r.words_json) as TranscriptWord[],
  text: r.text,
  ...(r.note !== null ? { note: r.note } : {}),
  createdAt: r.created_at,
});

const liveAsset = 'EXISTS (SELECT 1 FROM assets a JOIN projects p ON p.id = a.project_id WHERE a.id = @assetId AND p.deleted_at IS NULL)';

export function createTranscriptsRepo(db: Db) {
  const byAsset = db.prepare<[{ assetId: string }], TranscriptRow>(
    `SELECT asset_id, engine, duration_seconds, seconds, words_json, text, note, created_at FROM transcripts WHERE asset_id = @assetId AND ${liveAsset}`,
  );
  const upsert = db.prepare(
    `INSERT INTO transcripts (asset_id, engine, duration_seconds, seconds, words_json, text, note, created_at)
     SELECT @assetId, @engine, @durationSeconds, @seconds, @words, @text, @note, @createdAt WHERE ${liveAsset}
     ON CONFLICT (asset_id) DO UPDATE SET engine = excluded.engine, duration_seconds = excluded.duration_seconds, seconds = excluded.seconds,
       words_json = excluded.words_json, text = excluded.text, note = excluded.note, created_at = excluded.created_at`,
  );

  return guardStorage(db.name, {
    get(assetId: string): AssetTranscript | undefined {
      const row = byAsset.get({ assetId });
      return row && toTranscript(row);
    },
    /** Stores (or replaces) the asset's transcript; false when the asset is gone. */
    put(t: AssetTranscript): boolean {
      const words = t.words.map((w) => ({ word: w.word, start: w.start, end: w.end, ...(w.confidence !== undefined ? { confidence: w.confidence } : {}) }));
      return (
        upsert.run({
          assetId: t.assetId,
          engine: t.engine,
          durationSeconds: t.durationSeconds,
          seconds: t.seconds,
          words: JSON.stringify(words),
          text: t.text,
          note: t.note ?? null,
          createdAt: t.createdAt,
        }).changes > 0
      );
    },
  });
}

export type TranscriptsRepo = ReturnType<typeof createTranscriptsRepo>;
