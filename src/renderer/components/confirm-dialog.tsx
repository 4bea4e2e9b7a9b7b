// An in-app confirmation dialog on the native <dialog> element: showModal() gives a real modal
// (focus kept inside, the rest of the window inert, Escape to cancel) without a library, and the
// app keeps its own look instead of window.confirm's.
import { useRef, type ReactNode } from 'react';
import { useModal } from './use-modal';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  confirmTestId?: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

export function ConfirmDialog({ title, children, confirmLabel, confirmTestId, danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useModal(ref);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-dialog-title"
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
      onClick={(e) => {
        // A click on the dialog element itself is a click on the backdrop.
        if (e.target === ref.current && !busy) onCancel();
      }}
    >
      <div className="dialog-body">
        <h2 id="confirm-dialog-title" className="dialog-title">
          {title}
        </h2>
        <div className="dialog-text">{children}</div>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy} autoFocus>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'btn btn-danger' : 'btn btn-primary'}
            onClick={onConfirm}
            disabled={busy}
            data-testid={confirmTestId}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </dialog>
  );
}
