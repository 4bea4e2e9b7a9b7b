// `montage script report FILE|PROJECT [--script NAME] [--paper letter|a4] [--json]`: what a script
// holds — scenes (count and list), characters with their line and word counts, locations, pages as
// the PDF export lays them out, and the INT/EXT and DAY/NIGHT counts. A .fountain or .fdx file is
// read here and needs no running studio; a project's script comes from the host's scripts.report.
import { existsSync, statSync } from 'node:fs';
import type { ScriptReport } from '../shared/api';
import { defaultDataDir } from '../main/paths';
import { formatReport, reportForFile } from '../main/script/script-file-cli';
import { fail, openStudioSession, type StudioSession } from './host-session';
import { failScript, paperOf, pickScript } from './script-export';

export interface ScriptFlags {
  script?: string;
  paper?: string;
  json?: boolean;
  dataDir?: string;
}

const usage = 'usage: montage script report FILE|PROJECT [--script NAME] [--paper letter|a4] [--json]';

export async function scriptCommand(sub: string | undefined, args: string[], flags: ScriptFlags): Promise<number> {
  if (sub !== 'report' || args.length !== 1) return fail(2, usage);
  const paper = paperOf(flags.paper);
  if (!paper) return fail(2, `unknown --paper "${flags.paper}" (letter or a4)`);
  const target = args[0] as string;
  let session: StudioSession | undefined;
  try {
    let report: ScriptReport;
    if (existsSync(target) && statSync(target).isFile()) {
      if (flags.script !== undefined) return fail(2, '--script picks a script of a project, not of a file.');
      report = await reportForFile(target, { paper });
    } else {
      session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'read the script');
      const script = await pickScript(session, target, flags.script);
      report = (await session.call('scripts', 'report', { id: script.id, paper })) as ScriptReport;
    }
    console.log(flags.json ? JSON.stringify(report) : formatReport(report));
    return 0;
  } catch (err) {
    return failScript(err);
  } finally {
    session?.close();
  }
}
