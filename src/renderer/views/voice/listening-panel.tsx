// The listening panel, floating at the bottom of the window while the microphone is open for
// dictation or a voice command: a recording dot, the time and level, the words recognised so far,
// Stop and Cancel; then what came of it (the words inserted, the command run, or that nothing
// matched), and any problem (no microphone, permission denied, the engine missing with what to
// install, nothing heard) until it is dismissed.
import { useEffect } from 'react';
import { CopyText } from '../../components/copy-text';
import { formatListenTime } from '../../stores/dictation-logic';
import { cancelListening, dismissListening, stopListening, useDictationStore } from '../../stores/dictation-store';
import './voice.css';

const outcomeShownMs = 8000;

export function ListeningPanel() {
  const { mode, phase, partial, seconds, level, problem, outcome, lastLatencyMs } = useDictationStore();

  useEffect(() => {
    if (!outcome || problem) return;
    const timer = setTimeout(dismissListening, outcomeShownMs);
    return () => clearTimeout(timer);
  }, [outcome, problem]);

  if (phase === 'idle' && !problem && !outcome) return null;
  const what = mode === 'command' ? 'Listening for a voice command' : 'Dictating';
  return (
    <aside
      className={`listening-panel${phase === 'listening' ? ' is-recording' : ''}`}
      aria-label={mode === 'command' ? 'Voice command' : 'Dictation'}
      data-testid="listening-panel"
      data-phase={phase}
      data-mode={mode ?? ''}
      data-latency-ms={lastLatencyMs === null ? '' : Math.round(lastLatencyMs)}
    >
      {phase !== 'idle' && (
        <div className="listening-head" role="status">
          <span className="listening-dot" aria-hidden="true" />
          <span className="listening-what" data-testid="listening-state">
            {phase === 'starting' ? 'Opening the microphone…' : phase === 'listening' ? what : 'Recognising…'}
          </span>
          <span className="listening-time text-dim">{formatListenTime(seconds)}</span>
          <span className="listening-meter" aria-hidden="true">
            <span className="listening-level" style={{ width: `${Math.round(level * 100)}%` }} />
          </span>
        </div>
      )}
      {(phase !== 'idle' || (outcome && !problem)) && (
        <p className={`listening-partial${partial ? '' : ' text-faint'}`} data-testid="listening-partial">
          {partial ? `“${partial}”` : phase === 'listening' ? (mode === 'command' ? 'Say a command, e.g. “play”, “undo”, “next scene”.' : 'Speak; the words appear here.') : ''}
        </p>
      )}
      {outcome && !problem && phase === 'idle' && (
        <p className={`listening-outcome${outcome.ran ? ' is-ran' : ''}`} data-testid="listening-outcome">
          {outcome.text}
        </p>
      )}
      {problem && (
        <div className="listening-problem" role="alert" data-testid="listening-problem" data-kind={problem.kind}>
          <p>{problem.message}</p>
          {problem.installHint && (
            <p className="listening-install">
              To install: <CopyText text={problem.installHint} testId="listening-install" />
            </p>
          )}
          {problem.kind === 'unavailable' && (
            <p>
              <a href="#/settings" onClick={dismissListening}>
                Speech settings
              </a>
            </p>
          )}
        </div>
      )}
      <div className="listening-actions">
        {phase === 'listening' && (
          <>
            <button type="button" className="btn btn-small btn-primary" data-testid="listening-stop" onClick={() => void stopListening()}>
              {mode === 'command' ? 'Done' : 'Stop and insert'}
            </button>
            <button type="button" className="btn btn-small btn-ghost" data-testid="listening-cancel" onClick={cancelListening}>
              Cancel
            </button>
          </>
        )}
        {phase === 'starting' && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="listening-cancel" onClick={cancelListening}>
            Cancel
          </button>
        )}
        {phase === 'idle' && (
          <button type="button" className="btn btn-small btn-ghost" data-testid="listening-dismiss" onClick={dismissListening}>
            Close
          </button>
        )}
      </div>
    </aside>
  );
}
