// Confirms deleting a project. The dialog names the project and starts with focus on Cancel; after
// deleting, a toast (and Ctrl/Cmd+Z) offers Undo.
import { useState } from 'react';
import type { Project } from '../../../shared/api';
import { useStudioClient } from '../../client/client-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { deleteProject } from '../../stores/project-actions';

export function DeleteProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const client = useStudioClient();
  const [busy, setBusy] = useState(false);

  return (
    <ConfirmDialog
      title="Delete project?"
      confirmLabel={busy ? 'Deleting…' : 'Delete project'}
      confirmTestId="confirm-delete"
      danger
      busy={busy}
      onCancel={onClose}
      onConfirm={() => {
        setBusy(true);
        // A failure is reported as a toast; either way there is nothing left to confirm.
        void deleteProject(client, project.id).finally(onClose);
      }}
    >
      <p>
        <strong>“{project.name}”</strong> and everything in it will be removed from this machine. You can undo this right afterwards.
      </p>
    </ConfirmDialog>
  );
}
