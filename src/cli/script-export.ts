// `montage export PROJECT --format fountain|pdf|fdx [--script NAME] [--paper letter|a4]
// [--scene-numbers] [--out FILE] [--force] [--json]`: writes a script of a project (by name or id)
// as Fountain text, a PDF in screenplay layout, or Final Draft XML, through the host's
// scripts.export, so the file is the one the studio's Export gives. Never overwrites a file unless
// --force.
import { resolve } from 'node:path';
import { StudioError, paperSizes, type DocumentInfo, type PaperSize, type ScriptExport, type ScriptExportFormat } from '../shared/api';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, fail, openStudioSession, type StudioSession } from './host-session';
import { InputRefusal, findProject, writeOut } from './song-files';

export interface ScriptExportFlags {
  script?: string;
  paper?: string;
  sceneNumbers?: boolean;
  out?: string;
  force?: boolean;
  json?: boolean;
  dataDir?: string;
}

/** The project's script chosen by --script (name or id), or its only one. */
export async function pickScript(session: StudioSession, projectRef: string, want: string | undefined): Promise<DocumentInfo> {
  const project = await findProject(session, projectRef);
  if (!project) throw new InputRefusal(`No project is named or has the id “${projectRef}”; see \`montage projects list\`.`);
  const scripts = ((await session.call('documents', 'list', { projectId: project.id })) as DocumentInfo[]).filter((d) => d.kind === 'script');
  if (scripts.length === 0) throw new InputRefusal(`The project “${project.name}” has no scripts.`);
  const names = scripts.map((s) => `“${s.name}”`).join(', ');
  if (want !== undefined) {
    const key = want.trim().toLowerCase();
    const found = scripts.find((s) => s.name.toLowerCase() === key || s.id === want);
    if (!found) throw new InputRefusal(`The project “${project.name}” has no script named “${want}” (it has ${names}).`);
    return found;
  }
  if (scripts.length > 1) throw new UsageRefusal(`The project “${project.name}” has ${scripts.length} scripts (${names}); pick one with --script NAME.`);
  return scripts[0] as DocumentInfo;
}

/** A refusal that is the caller's usage (exit 2). */
export class UsageRefusal extends Error {}

/** Says why a script command stopped: exit 2 for a usage refusal, 1 for anything else. */
export function failScript(err: unknown): number {
  if (err instanceof UsageRefusal) return fail(2, err.message);
  if (err instanceof CliRefusal || err instanceof InputRefusal) return fail(1, err.message);
  return fail(1, StudioError.from(err).message);
}

export function paperOf(raw: string | undefined): PaperSize | null {
  const paper = (raw ?? 'letter').toLowerCase();
  return (paperSizes as readonly string[]).includes(paper) ? (paper as PaperSize) : null;
}

export async function exportScriptCommand(positionals: string[], format: ScriptExportFormat, flags: ScriptExportFlags): Promise<number> {
  if (positionals.length !== 1) return fail(2, 'usage: montage export PROJECT --format fountain|pdf|fdx [--script NAME] [--paper letter|a4] [--scene-numbers] [--out FILE] [--force] [--json]');
  const paper = paperOf(flags.paper);
  if (!paper) return fail(2, `unknown --paper "${flags.paper}" (letter or a4)`);
  if (format !== 'pdf' && (flags.paper !== undefined || flags.sceneNumbers)) return fail(2, '--paper and --scene-numbers go with --format pdf.');
  const started = performance.now();
  let session: StudioSession | undefined;
  try {
    session = await openStudioSession(flags.dataDir ?? defaultDataDir(), 'export the script');
    const script = await pickScript(session, positionals[0] as string, flags.script);
    const file = (await session.call('scripts', 'export', { id: script.id, format, paper, sceneNumbers: Boolean(flags.sceneNumbers) })) as ScriptExport;
    session.close();
    session = undefined;
    const path = resolve(flags.out ?? file.fileName);
    const bytes = Buffer.from(file.data, 'base64');
    writeOut(path, bytes, flags.force);
    const seconds = (performance.now() - started) / 1000;
    if (flags.json) console.log(JSON.stringify({ path, format, bytes: bytes.length, ...(file.pages !== undefined ? { pages: file.pages, paper } : {}), seconds }));
    else console.log(`Wrote ${path} (“${script.name}”${file.pages !== undefined ? `, ${file.pages} pages, ${paper === 'a4' ? 'A4' : 'US Letter'}` : ''}).`);
    return 0;
  } catch (err) {
    return failScript(err);
  } finally {
    session?.close();
  }
}
