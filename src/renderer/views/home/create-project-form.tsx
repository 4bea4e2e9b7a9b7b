// The "New project" form at the top of Home. Enter submits; Ctrl/Cmd+N anywhere lands here. Every
// problem with the name — empty, too long (said live, with a count, as you type or paste), or
// refused by the host (a duplicate) — is said under the field, which is marked invalid; the rules
// are in components/name-field-logic.ts.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Project } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { decideSubmit, liveCheck } from '../../components/name-field-logic';
import { createProject } from '../../stores/project-actions';
import { consumeNewProjectFocus, useUiStore } from '../../stores/ui-store';

export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const client = useStudioClient();
  const [name, setName] = useState('');
  /** An error from the last submit (empty name, or the host's refusal); cleared by typing. */
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Refs, not state: the second click of a double-click arrives before a re-render would tell it.
  const inFlight = useRef(false);
  const clearedBySuccess = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const wantsFocus = useUiStore((s) => s.wantsNewProjectFocus);

  useEffect(() => {
    if (!wantsFocus) return;
    inputRef.current?.focus();
    consumeNewProjectFocus();
  }, [wantsFocus]);

  const live = liveCheck(name);
  const error = live.error ?? submitError;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const decision = decideSubmit(name, { inFlight: inFlight.current, clearedBySuccess: clearedBySuccess.current });
    if (decision.action === 'ignore') return;
    if (decision.action === 'error') {
      setSubmitError(decision.message);
      inputRef.current?.focus();
      return;
    }
    inFlight.current = true;
    setBusy(true);
    const outcome = await createProject(client, decision.name);
    inFlight.current = false;
    setBusy(false);
    if (outcome.ok) {
      clearedBySuccess.current = true;
      setName('');
      setSubmitError(null);
      onCreated(outcome.project);
    } else {
      setSubmitError(outcome.error);
      inputRef.current?.focus();
    }
  };

  const describedBy = [error ? 'new-project-error' : 'new-project-hint', live.count ? 'new-project-count' : null].filter(Boolean).join(' ');

  return (
    <form className="create-project" onSubmit={(e) => void submit(e)} noValidate>
      <label className="create-project-label" htmlFor="new-project-name">
        New project
      </label>
      <div className="create-project-row">
        <div className="field-with-count">
          <input
            ref={inputRef}
            id="new-project-name"
            className="input"
            data-testid="new-project-name"
            placeholder="Name, e.g. Night drive demo"
            autoComplete="off"
            spellCheck={false}
            value={name}
            aria-invalid={error !== null}
            aria-describedby={describedBy}
            onChange={(e) => {
              setName(e.target.value);
              setSubmitError(null);
              clearedBySuccess.current = false;
            }}
          />
          {live.count && (
            <span id="new-project-count" className={`field-count${live.error ? ' is-over' : ''}`} data-testid="new-project-count" aria-live="polite">
              {live.count}
            </span>
          )}
        </div>
        <button type="submit" className="btn btn-primary" data-testid="create-project" disabled={busy} title={busy ? 'Creating the project…' : undefined}>
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
      {error ? (
        <p id="new-project-error" className="field-error" data-testid="new-project-error" role="alert">
          {error}
        </p>
      ) : (
        <p id="new-project-hint" className="field-hint">
          Enter creates it · <kbd>Ctrl</kbd>/<kbd>⌘</kbd>+<kbd>N</kbd> jumps here
        </p>
      )}
    </form>
  );
}
