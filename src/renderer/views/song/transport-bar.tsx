// The song editor's transport controls: Play/Stop (with "Loading piano…" while the samples load),
// return to start, loop, metronome, count-in, the position, the tempo at the playhead (a field:
// editing it is a "Change tempo" edit of the song) and the time signature there. The buttons run
// the same actions as the registry's Transport commands, so keys and clicks agree.
import { useState } from 'react';
import type { NoteSequence } from '../../../shared/music/note-sequence';
import { barBeatAt } from '../../../shared/music/timing';
import { instrumentKind, signatureAt, tempoIndexAt } from '../../audio/playback-logic';
import { playStop, setTempo, toStart, toggleCountIn, toggleLoop, toggleMetronome } from '../../audio/transport-actions';
import { useStudioClient } from '../../client/client-context';
import { usePlaybackStore } from '../../stores/playback-store';

export function TransportBar({ song }: { song: NoteSequence }) {
  const client = useStudioClient();
  const { status, playheadTick, loop, metronome, countIn, error } = usePlaybackStore();
  const bpm = song.tempos[tempoIndexAt(song.tempos, playheadTick)]?.bpm ?? 120;
  const sig = signatureAt(song, playheadTick);
  const position = barBeatAt(song, playheadTick);
  // What is being typed, until Enter or leaving the field; otherwise the song's tempo.
  const [draft, setDraft] = useState<string | null>(null);
  const tempoText = draft ?? String(bpm);
  const hasPiano = song.tracks.some((t) => instrumentKind(t) === 'piano');

  const commitTempo = () => {
    const value = Number(tempoText);
    setDraft(null);
    if (tempoText.trim() !== '' && Number.isFinite(value)) setTempo(client, value);
  };

  const playLabel = status === 'loading' ? (song.soundfont ? 'Loading soundfont…' : hasPiano ? 'Loading piano…' : 'Starting…') : status === 'counting' ? '■ Count-in…' : status === 'playing' ? '■ Stop' : '▶ Play';
  return (
    <>
      <div className="toolbar-group" data-testid="transport">
        <button type="button" className="btn btn-small" data-testid="transport-start" title="Return to the start (Home)" onClick={toStart} aria-label="Return to the start">
          ⇤
        </button>
        <button
          type="button"
          className={`btn btn-small transport-play${status !== 'stopped' ? ' is-on' : ''}`}
          data-testid="transport-play"
          data-status={status}
          aria-busy={status === 'loading'}
          title="Play or stop (Space)"
          onClick={playStop}
        >
          {playLabel}
        </button>
        <button type="button" className={`btn btn-small${loop ? ' is-on' : ''}`} aria-pressed={loop} data-testid="transport-loop" title="Loop (L). Drag on the ruler to set the region." onClick={toggleLoop}>
          ⟲ Loop
        </button>
        <button type="button" className={`btn btn-small${metronome ? ' is-on' : ''}`} aria-pressed={metronome} data-testid="transport-metronome" title="Metronome (M)" onClick={toggleMetronome}>
          Click
        </button>
        <button type="button" className={`btn btn-small${countIn ? ' is-on' : ''}`} aria-pressed={countIn} data-testid="transport-count-in" title="Count-in: one bar of clicks before playing" onClick={toggleCountIn}>
          Count-in
        </button>
        <span className="transport-position text-dim" data-testid="transport-position" title="Bar.beat at the playhead">
          {position.bar}.{position.beat}
        </span>
      </div>
      <div className="toolbar-group">
        <label className="toolbar-field">
          Tempo
          <input
            className="input input-small transport-tempo"
            data-testid="tempo"
            type="number"
            min={10}
            max={999}
            step={1}
            value={tempoText}
            title="The tempo at the playhead, in BPM (Enter to set)"
            onChange={(e) => setDraft(e.target.value)}
            onBlur={commitTempo}
            onKeyDown={(e) => {
              if (e.key === 'Enter') commitTempo();
              if (e.key === 'Escape') setDraft(null);
            }}
          />
        </label>
        <span className="text-dim" data-testid="time-signature" title="Time signature at the playhead">
          {sig.numerator}/{sig.denominator}
        </span>
      </div>
      {error && (
        <p className="transport-error" role="alert" data-testid="transport-error">
          {error}
        </p>
      )}
    </>
  );
}
