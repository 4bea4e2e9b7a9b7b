// The rows of the project screen's song and script lists: per document Open (double-click or
// Rename to rename in place), its last change, any extra actions, and Delete after a confirmation.
import { useState, type ReactNode } from 'react';
import type { DocumentInfo, DocumentKind } from '../../../shared/api/documents';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { InlineRename } from '../../components/inline-rename';
import { useNow } from '../../components/use-now';
import { formatDateTime, formatRelative } from '../../lib/format';
import { routeHash } from '../../stores/route';

const nouns: Record<DocumentKind, string> = { song: 'Song', script: 'Script' };

export function DocumentRows({
  kind,
  projectId,
  documents,
  onRename,
  onDelete,
  extraActions,
  deleteNote,
}: {
  kind: DocumentKind;
  projectId: string;
  documents: readonly DocumentInfo[];
  /** Resolves to the name's error, or null once renamed. */
  onRename: (id: string, name: string) => Promise<string | null>;
  onDelete: (doc: DocumentInfo) => Promise<unknown>;
  extraActions?: (doc: DocumentInfo) => ReactNode;
  /** What the delete confirmation says. */
  deleteNote: ReactNode;
}) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<DocumentInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const now = useNow(30_000);
  const noun = nouns[kind];

  return (
    <>
      {documents.length > 0 && (
        <ul className="song-list" data-testid={`${kind}-list`}>
          {documents.map((doc) => (
            <li key={doc.id} className="song-row" data-testid={`${kind}-row`} {...{ [`data-${kind}-id`]: doc.id }}>
              {renaming === doc.id ? (
                <InlineRename className="song-name-edit" initial={doc.name} label={`${noun} name`} onSave={(name) => onRename(doc.id, name)} onDone={() => setRenaming(null)} />
              ) : (
                <a
                  className="song-name"
                  data-testid={`${kind}-open`}
                  href={routeHash({ name: kind, projectId, docId: doc.id })}
                  onDoubleClick={(e) => {
                    e.preventDefault();
                    setRenaming(doc.id);
                  }}
                >
                  {doc.name}
                </a>
              )}
              <span className="song-updated text-dim" title={formatDateTime(doc.updatedAt)}>
                Changed {formatRelative(doc.updatedAt, now)}
              </span>
              <span className="song-actions">
                <button type="button" className="btn btn-small btn-ghost" data-testid={`${kind}-rename`} onClick={() => setRenaming(doc.id)}>
                  Rename
                </button>
                {extraActions?.(doc)}
                <button type="button" className="btn btn-small btn-ghost btn-ghost-danger" data-testid={`${kind}-delete`} onClick={() => setDeleting(doc)}>
                  Delete
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel={`Delete ${kind}`}
          confirmTestId={`confirm-delete-${kind}`}
          danger
          busy={busy}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            setBusy(true);
            void onDelete(deleting).then(() => {
              setBusy(false);
              setDeleting(null);
            });
          }}
        >
          {deleteNote}
        </ConfirmDialog>
      )}
    </>
  );
}
