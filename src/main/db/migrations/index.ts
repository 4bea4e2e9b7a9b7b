// The ordered list of schema migrations. Append new files (0002-….ts); never edit a shipped one.
import { up as init } from './0001-init';
import { up as projectTrash } from './0002-project-trash';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: '0001-init', up: init },
  { version: 2, name: '0002-project-trash', up: projectTrash },
];
