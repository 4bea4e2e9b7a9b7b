// Test helpers that make a real damaged SQLite file: rows enough to span many pages, then junk
// written over a page in the middle of the B-tree (what a bad disk or a torn copy leaves).
import type Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';

/** Adds a `filler` table of 400 rows (~130 KiB), so a damaged middle page hits real data. */
export function fillRows(db: Database.Database): void {
  db.exec('CREATE TABLE filler (x TEXT)');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < 400; i++) insert.run(`row ${i} `.repeat(40));
  })();
}

/** Closes `db`, then overwrites the page in the middle of `file` with junk. */
export function closeAndCorruptMiddlePage(db: Database.Database, file: string): void {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, Math.floor(pages / 2) * pageSize);
  closeSync(fd);
}
