// The "New project" form at the top of Home. Enter submits; Ctrl/Cmd+N anywhere lands here. The
// name is checked with the contract's schema first, so an empty name is explained inline.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { projectName, type Project } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { createProject } from '../../stores/project-actions';
import { consumeNewProjectFocus, useUiStore } from '../../stores/ui-store';

export function CreateProjectForm({ onCreated }: { onCreated: (project: Project) => void }) {
  const client = useStudioClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const wantsFocus = useUiStore((s) => s.wantsNewProjectFocus);

  useEffect(() => {
    if (!wantsFocus) return;
    inputRef.current?.focus();
    consumeNewProjectFocus();
  }, [wantsFocus]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const parsed = projectName.safeParse(name);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Not a valid name.');
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const project = await createProject(client, parsed.data);
    setBusy(false);
    if (project) {
      setName('');
      onCreated(project);
    }
  };

  return (
    <form className="create-project" onSubmit={(e) => void submit(e)} noValidate>
      <label className="create-project-label" htmlFor="new-project-name">
        New project
      </label>
      <div className="create-project-row">
        <input
          ref={inputRef}
          id="new-project-name"
          className="input"
          data-testid="new-project-name"
          placeholder="Name, e.g. Night drive demo"
          autoComplete="off"
          maxLength={200}
          value={name}
          aria-invalid={error !== null}
          aria-describedby={error ? 'new-project-error' : 'new-project-hint'}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
        />
        <button type="submit" className="btn btn-primary" data-testid="create-project" disabled={busy}>
          Create
        </button>
      </div>
      {error ? (
        <p id="new-project-error" className="field-error" role="alert">
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
