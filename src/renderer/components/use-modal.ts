// Opens a native <dialog> as a modal for as long as the component is mounted: showModal() keeps
// focus inside and the window behind inert, and on close focus goes back to where it was, as a
// native modal would. Shared by every dialog of the app (confirmations, help overlays).
import { useEffect, type RefObject } from 'react';

export function useModal(ref: RefObject<HTMLDialogElement | null>): void {
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [ref]);
}
