// An in-place name editor (project rows, the project title): Enter or leaving the field saves,
// Escape cancels. The name is checked with the contract's own schema before the call, so a blank
// name is caught as you type Enter rather than after a round trip.
import { useRef, useState } from 'react';
import { projectName } from '../../shared/api';

interface InlineRenameProps {
  initial: string;
  label: string;
  className?: string;
  /** Resolves true when saved; false keeps the editor open with what was typed. */
  onSave: (name: string) => Promise<boolean>;
  onDone: () => void;
}

export function InlineRename({ initial, label, className, onSave, onDone }: InlineRenameProps) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Enter and Escape end editing; the blur that follows must not save a second time.
  const settled = useRef(false);
  const inFlight = useRef(false);

  const save = async () => {
    if (settled.current || inFlight.current) return;
    const parsed = projectName.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a valid name.');
      return;
    }
    if (parsed.data === initial) {
      settled.current = true;
      onDone();
      return;
    }
    inFlight.current = true;
    setSaving(true);
    const ok = await onSave(parsed.data);
    inFlight.current = false;
    setSaving(false);
    if (ok) {
      settled.current = true;
      onDone();
    }
  };

  const cancel = () => {
    settled.current = true;
    onDone();
  };

  return (
    <span className={`inline-rename ${className ?? ''}`}>
      <input
        className="input"
        data-testid="rename-input"
        aria-label={label}
        aria-invalid={error !== null}
        aria-describedby={error ? 'inline-rename-error' : undefined}
        value={value}
        maxLength={200}
        autoFocus
        readOnly={saving}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => {
          setValue(e.target.value);
          setError(null);
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
          if (error) cancel();
          else void save();
        }}
      />
      {error && (
        <span id="inline-rename-error" className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
