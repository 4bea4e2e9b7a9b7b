// What the About dialog credits: Montage's own licence and the open-source libraries it ships
// with, with their licences (checked against each package's package.json). Models and samples are
// credited here too once models/ ships any (see models/README.md; none yet).
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
];

/** Shipped weights and samples; empty until models/ holds some with their model cards. */
export const modelCredits: readonly Credit[] = [];
