// The window-wide drop target for MIDI files on the project screen. It listens on the window
// (a drop anywhere counts) and shows an overlay only while files are dragged over; the browser's
// default (opening the file in the tab, which would leave the studio) is always prevented.
import { useEffect, useState } from 'react';
import { looksLikeMidi } from './midi-file-logic';

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function MidiDropOverlay({ onFiles }: { onFiles: (files: File[]) => void }) {
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; count them.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth++;
      setOver(true);
    };
    const overFn = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      // Non-MIDI files go through too, so they are refused with a sentence rather than ignored.
      if (files.length) onFiles(files.some((f) => looksLikeMidi(f.name)) ? files.filter((f) => looksLikeMidi(f.name)) : files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', overFn);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', overFn);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [onFiles]);

  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-live="polite">
      <div className="drop-overlay-box">
        <p className="drop-overlay-title">Drop MIDI files to import them</p>
        <p className="text-dim">Each file becomes a song of this project.</p>
      </div>
    </div>
  );
}
