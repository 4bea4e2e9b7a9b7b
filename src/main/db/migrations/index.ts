// The ordered list of schema migrations. Append new files (0002-….ts); never edit a shipped one.
import type { Db } from '../database';
import { up as init } from './0001-init';
import { up as projectTrash } from './0002-project-trash';
import { up as uniqueProjectNames } from './0003-unique-project-names';
import { up as jobsInterrupted } from './0004-jobs-interrupted';
import { up as documents } from './0005-documents';
import { up as assets } from './0006-assets';
import { up as models } from './0007-models';
import { up as history } from './0008-history';
import { up as scripts } from './0009-scripts';
import { up as sceneModels } from './0010-scene-models';
import { up as events } from './0011-events';
import { up as transcripts } from './0012-transcripts';
import { up as images } from './0013-images';

export interface Migration {
  version: number;
  name: string;
  /** SQL, or a function for a migration that must compute in JS (0003); it runs in the migration's transaction. */
  up: string | ((db: Db) => void);
  /**
   * The migration drops and recreates tables that others reference (SQLite's 12-step rebuild):
   * the runner turns foreign keys off around its transaction and runs foreign_key_check (0004).
   */
  rebuildsTables?: boolean;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-init', up: init },
  { version: 2, name: '0002-project-trash', up: projectTrash },
  { version: 3, name: '0003-unique-project-names', up: uniqueProjectNames },
  { version: 4, name: '0004-jobs-interrupted', up: jobsInterrupted, rebuildsTables: true },
  { version: 5, name: '0005-documents', up: documents },
  { version: 6, name: '0006-assets', up: assets },
  { version: 7, name: '0007-models', up: models },
  { version: 8, name: '0008-history', up: history },
  { version: 9, name: '0009-scripts', up: scripts, rebuildsTables: true },
  { version: 10, name: '0010-scene-models', up: sceneModels, rebuildsTables: true },
  { version: 11, name: '0011-events', up: events },
  { version: 12, name: '0012-transcripts', up: transcripts },
  { version: 13, name: '0013-images', up: images, rebuildsTables: true },
];
