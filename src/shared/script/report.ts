// What `montage script report` and the Reports panel show about a script: its scenes, characters
// with their line and word counts, locations, pages, and the INT/EXT and DAY/NIGHT breakdown.

export interface ReportScene {
  /** 1-based position in the script. */
  index: number;
  /** The scene number as written (`#12A#`), if any. */
  number: string | null;
  heading: string;
  /** INT, EXT, INT/EXT, or null when the heading has no such prefix. */
  intExt: 'INT' | 'EXT' | 'INT/EXT' | null;
  location: string;
  /** DAY, NIGHT, CONTINUOUS, … as written after the last dash; null when absent. */
  time: string | null;
  characters: string[];
  /** The page (as laid out by the PDF export) where the scene starts. */
  page: number;
}

export interface ReportCharacter {
  /** The cue name without extensions: BRICK (V.O.) and BRICK (CONT'D) are BRICK. */
  name: string;
  /** Speeches: each cue with its dialogue counts once. */
  lines: number;
  /** Words of dialogue (parentheticals excluded). */
  words: number;
  scenes: number;
}

export interface ReportLocation {
  name: string;
  scenes: number;
}

export interface ScriptReport {
  title: string | null;
  scenes: ReportScene[];
  sceneCount: number;
  characters: ReportCharacter[];
  locations: ReportLocation[];
  pages: number;
  intExt: { int: number; ext: number; intExt: number; other: number };
  dayNight: { day: number; night: number; other: number };
}
