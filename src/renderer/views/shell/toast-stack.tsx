// Toasts in the bottom-right corner. Each fades after a while, but not while the pointer or focus
// is on it, so a long error can be read (or copied) at leisure.
import { useEffect, useState } from 'react';
import type { Toast } from '../../stores/toasts-logic';
import { closeToast, useUiStore } from '../../stores/ui-store';

// Long enough to reach an Undo button without hurrying.
const lifetimeMs = { error: 8000, info: 8000 };

function ToastItem({ toast }: { toast: Toast }) {
  const [held, setHeld] = useState(false);

  useEffect(() => {
    if (held) return;
    const timer = setTimeout(() => closeToast(toast.id), lifetimeMs[toast.tone]);
    return () => clearTimeout(timer);
  }, [held, toast.id, toast.tone]);

  return (
    <li
      className={`toast toast-${toast.tone}`}
      data-testid="toast"
      role={toast.tone === 'error' ? 'alert' : 'status'}
      onMouseEnter={() => setHeld(true)}
      onMouseLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      <div className="toast-body">
        <p className="toast-message">{toast.message}</p>
        {toast.details.length > 0 && (
          <ul className="toast-details">
            {toast.details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      {toast.action && (
        <button
          type="button"
          className="toast-action"
          data-testid="toast-action"
          onClick={() => {
            toast.action?.run();
            closeToast(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => closeToast(toast.id)}>
        ✕
      </button>
    </li>
  );
}

export function ToastStack() {
  const toasts = useUiStore((s) => s.toasts);
  return (
    <ol className="toast-stack" aria-label="Notifications">
      {toasts.map((toast) => (
        <ToastItem key={toast.id} toast={toast} />
      ))}
    </ol>
  );
}
