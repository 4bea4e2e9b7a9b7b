// The song editor's instruments choice: "Built-in" or one of the project's soundfonts (SF2/SF3
// assets), and "Soundfont…" to add one from disk. The file is checked here first (its first bytes
// and its chunks, the host's own rules), stored as a project asset through the assets store's
// chunked upload, and chosen for the song at once. Choosing is one `setSoundfont` edit, undoable as
// "Change instruments".
import { useEffect, useMemo, useRef, useState } from 'react';
import type { NoteSequence } from '../../../shared/music/note-sequence';
import { isSoundfontMime, sniffAudio } from '../../../shared/assets/audio-sniff';
import { checkSoundfont, notSoundfont } from '../../../shared/assets/soundfont-check';
import { useStudioClient } from '../../client/client-context';
import { uploadAudioFile, useAssetsStore, watchAssets } from '../../stores/assets-store';
import { editSong } from '../../stores/documents-store';

export function SoundfontControl({ song, projectId }: { song: NoteSequence; projectId: string }) {
  const client = useStudioClient();
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<string | null>(null);
  const assets = useAssetsStore((s) => (s.projectId === projectId ? s.assets : null));
  useEffect(() => watchAssets(client, projectId), [client, projectId]);
  // The same bytes imported twice are two rows and one soundfont.
  const fonts = useMemo(() => {
    const seen = new Set<string>();
    return (assets ?? []).filter((a) => isSoundfontMime(a.mime) && !seen.has(a.hash) && seen.add(a.hash));
  }, [assets]);
  const chosen = song.soundfont ?? '';
  const missing = chosen !== '' && assets !== null && !fonts.some((a) => a.hash === chosen);

  const choose = (hash: string) => {
    setError(null);
    if (hash === chosen) return;
    void editSong(client, [{ type: 'setSoundfont', soundfont: hash || null }], 'Change instruments');
  };

  const add = async (file: File) => {
    setError(null);
    const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
    const problem = sniffAudio(head)?.ext !== 'sf2' ? notSoundfont : await checkSoundfont(file.size, async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()));
    if (problem) {
      setError(`“${file.name}”: ${problem}`);
      return;
    }
    setAdding(file.name);
    try {
      const result = await uploadAudioFile(client, projectId, file);
      if (result.error) setError(result.error);
      else if (result.asset) choose(result.asset.hash);
    } finally {
      setAdding(null);
    }
  };

  return (
    <div className="toolbar-group">
      <label className="toolbar-field" title="What plays the tracks’ GM programs: Montage’s built-in instruments or a soundfont of the project">
        Instruments
        <select className="input input-small" data-testid="song-soundfont" value={chosen} onChange={(e) => choose(e.target.value)}>
          <option value="">Built-in</option>
          {fonts.map((a) => (
            <option key={a.hash} value={a.hash}>
              {a.name}
            </option>
          ))}
          {missing && <option value={chosen}>(soundfont missing)</option>}
        </select>
      </label>
      <button type="button" className="btn btn-small" data-testid="add-soundfont" disabled={adding !== null} title="Add an SF2 or SF3 soundfont to the project and play this song with it" onClick={() => input.current?.click()}>
        {adding ? 'Adding…' : 'Soundfont…'}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".sf2,.sf3"
        data-testid="soundfont-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void add(file);
        }}
      />
      {(error || missing) && (
        <p className="transport-error" role="alert" data-testid="soundfont-error">
          {error ?? 'The song’s soundfont is no longer in the project; choose another, or Built-in.'}
        </p>
      )}
    </div>
  );
}
