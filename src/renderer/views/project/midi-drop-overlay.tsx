// The window-wide drop target for MIDI and audio files on the project screen. It listens on the
// window (a drop anywhere counts) and shows an overlay only while files are dragged over; the
// browser's default (opening the file in the tab, which would leave the studio) is always
// prevented. Audio files (by name; the content decides after) go to the audio uploader, JPEG and
// PNG files to the images, and .fountain/.fdx files to the script importer.
import { useEffect, useState } from 'react';
import { looksLikeAudio } from '../../../shared/assets/audio-sniff';
import { looksLikeImage } from '../../../shared/assets/image-sniff';
import { looksLikeMidi } from './midi-file-logic';
import { looksLikeScript } from '../script/script-actions';

const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;

export function MidiDropOverlay({
  onFiles,
  onAudioFiles,
  onImageFiles,
  onFilesNear,
  onScriptFiles,
}: {
  onFiles: (files: File[]) => void;
  onAudioFiles?: (files: File[]) => void;
  /** .jpg, .jpeg and .png files (by name): they join the project's images. */
  onImageFiles?: (files: File[]) => void;
  /** .fountain and .fdx files (by name): they become scripts. */
  onScriptFiles?: (files: File[]) => void;
  /** Files were dragged into the window (a drop may follow). */
  onFilesNear?: () => void;
}) {
  const [over, setOver] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every child element crossed; count them.
    let depth = 0;
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      if (depth++ === 0) onFilesNear?.();
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
      const dropped = [...(e.dataTransfer?.files ?? [])];
      const audio = onAudioFiles ? dropped.filter((f) => looksLikeAudio(f.name)) : [];
      if (audio.length) onAudioFiles?.(audio);
      const images = onImageFiles ? dropped.filter((f) => looksLikeImage(f.name)) : [];
      if (images.length) onImageFiles?.(images);
      const scripts = onScriptFiles ? dropped.filter((f) => !audio.includes(f) && looksLikeScript(f.name)) : [];
      if (scripts.length) onScriptFiles?.(scripts);
      const files = dropped.filter((f) => !audio.includes(f) && !images.includes(f) && !scripts.includes(f));
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
  }, [onFiles, onAudioFiles, onImageFiles, onFilesNear, onScriptFiles]);

  if (!over) return null;
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-live="polite">
      <div className="drop-overlay-box">
        <p className="drop-overlay-title">Drop MIDI or audio files, images or scripts to import them</p>
        <p className="text-dim">Each MIDI file becomes a song of this project, each .fountain or .fdx file a script; WAV, MP3, OGG and FLAC files join its audio, JPEG and PNG files its images.</p>
      </div>
    </div>
  );
}
