// Test helper, run as its own process by projects-service.test.ts (`node --import tsx`): a second
// Montage writer on the same SQLite file, so the test races two real connections the way two hosts
// did before the data-folder lock. Waits for "go" on stdin, creates `Race 0…count-1`, and prints
// {created, conflicts, failures} as one JSON line.
import { createInterface } from 'node:readline';
import { StudioError } from '../../shared/api';
import { openDatabase } from '../db/database';
import { createEventsRepo } from '../db/events-repo';
import { EventLog } from './event-log';
import { createProjectsRepo } from '../db/projects-repo';
import { createEventBus } from './event-bus';
import { createProjectsService } from './projects-service';

const [file, countArg] = process.argv.slice(2);
const db = openDatabase(file as string);
const service = createProjectsService(createProjectsRepo(db), new EventLog(createEventsRepo(db)), createEventBus());
const result = { created: 0, conflicts: 0, failures: [] as string[] };

console.log('ready');
createInterface({ input: process.stdin }).once('line', () => {
  void (async () => {
    for (let i = 0; i < Number(countArg); i++) {
      try {
        await service.create({ name: `Race ${i}` });
        result.created++;
      } catch (err) {
        if (err instanceof StudioError && err.code === 'conflict') result.conflicts++;
        else result.failures.push(err instanceof Error ? err.message : String(err));
      }
    }
    db.close();
    console.log(JSON.stringify(result));
    process.exit(0);
  })();
});
