// An in-place name editor (project rows, the project title): Enter or leaving the field saves,
// Escape cancels. Same rules as the New project field (components/name-field-logic.ts): the length
// is said live with a count, nothing is cut, and a refusal from the host (a duplicate name) is said
// here at the field, which stays open with what was typed.
import { useId, useRef, useState } from 'react';
import { decideSubmit, liveCheck } from './name-field-logic';

interface InlineRenameProps {
  initial: string;
  label: string;
  className?: string;
  /** Resolves null when saved, or the sentence to show at the field. */
  onSave: (name: string) => Promise<string | null>;
  onDone: () => void;
}

export function InlineRename({ initial, label, className, onSave, onDone }: InlineRenameProps) {
  const [value, setValue] = useState(initial);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Enter and Escape end editing; the blur that follows must not save a second time.
  const settled = useRef(false);
  const inFlight = useRef(false);
  const ids = useId();
  const errorId = `${ids}-error`;
  const countId = `${ids}-count`;

  const live = liveCheck(value);
  const error = live.error ?? submitError;

  const save = async () => {
    if (settled.current) return;
    const decision = decideSubmit(value, { inFlight: inFlight.current, clearedBySuccess: false });
    if (decision.action === 'ignore') return;
    if (decision.action === 'error') {
      setSubmitError(decision.message);
      return;
    }
    if (decision.name === initial) {
      settled.current = true;
      onDone();
      return;
    }
    inFlight.current = true;
    setSaving(true);
    const failure = await onSave(decision.name);
    inFlight.current = false;
    setSaving(false);
    if (failure === null) {
      settled.current = true;
      onDone();
    } else {
      setSubmitError(failure);
    }
  };

  const cancel = () => {
    settled.current = true;
    onDone();
  };

  const describedBy = [error ? errorId : null, live.count ? countId : null].filter(Boolean).join(' ') || undefined;

  return (
    <span className={`inline-rename ${className ?? ''}`}>
      <span className="field-with-count">
        <input
          className="input"
          data-testid="rename-input"
          aria-label={label}
          aria-invalid={error !== null}
          aria-describedby={describedBy}
          value={value}
          autoFocus
          spellCheck={false}
          readOnly={saving}
          onFocus={(e) => e.currentTarget.select()}
          onChange={(e) => {
            setValue(e.target.value);
            setSubmitError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            } else if (e.key === 'Escape') {
              // Keep Escape from also meaning "back to Home" on the project screen.
              e.preventDefault();
              e.stopPropagation();
              cancel();
            }
          }}
          onBlur={() => {
            // Leaving a field that shows an error gives up the edit (the old name stays) rather
            // than trapping focus; leaving a good one saves it.
            if (error) cancel();
            else void save();
          }}
        />
        {live.count && (
          <span id={countId} className={`field-count${live.error ? ' is-over' : ''}`} data-testid="rename-count">
            {live.count}
          </span>
        )}
      </span>
      {error && (
        <span id={errorId} className="field-error" data-testid="rename-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
