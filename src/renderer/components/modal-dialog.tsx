// A modal on the native <dialog> element for the help overlays (shortcuts, About): showModal()
// keeps focus inside and the window behind inert, Escape and a backdrop click close it, and focus
// goes back to where it was. Unlike ConfirmDialog it asks nothing; it only shows.
import { useRef, type ReactNode } from 'react';
import { useModal } from './use-modal';

interface ModalDialogProps {
  title: string;
  testId?: string;
  className?: string;
  onClose: () => void;
  children: ReactNode;
}

export function ModalDialog({ title, testId, className, onClose, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = `${testId ?? 'modal'}-title`;

  useModal(ref);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-wide ${className ?? ''}`}
      data-testid={testId}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        // A click on the dialog element itself is a click on the backdrop.
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog-body">
        <header className="dialog-header">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label="Close" title="Close (Esc)" data-testid="dialog-close">
            ✕
          </button>
        </header>
        {children}
      </div>
    </dialog>
  );
}
