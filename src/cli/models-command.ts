// `montage models [list] [--json]` and `montage models delete NAME|ID [--json]`: the model registry
// for scripts. Both go through the running host's API (or a host of its own: host-session.ts), so
// the models that ship with Montage are registered before the list is read. Deleting removes the
// folder with the row, refuses shipped models and tells open windows.
// With --json, stdout is one JSON object and nothing else: `{"models": [{id, name, kind, …}]}`.
import { StudioError, type ModelId, type ModelInfo } from '../shared/api';
import { keyMetrics } from '../shared/models/manifest';
import { projectNameKey } from '../main/db/project-name-key';
import { defaultDataDir } from '../main/paths';
import { CliRefusal, fail, openStudioSession, sessionFailure, type StudioSession } from './host-session';
import { alignedTable } from './cli-flags';

export interface ModelsFlags {
  json?: boolean;
  dataDir?: string;
}

const usage = 'usage: montage models [list] [--json] | montage models delete NAME|ID [--json]';

/** Local date and time, to the minute ("2026-05-14 09:30"). */
function when(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

const metricText = (m: ModelInfo): string =>
  keyMetrics(m.metrics)
    .map(([name, value]) => `${name} ${Number(value.toPrecision(3))}`)
    .join(', ') || '—';

/** The models as an aligned table (terminal width is not assumed; long cells just widen it). */
export function modelsTable(models: ModelInfo[]): string {
  const rows = [
    ['NAME', 'KIND', 'CONFIG', 'ORIGIN', 'CREATED', 'METRICS'],
    ...models.map((m) => [m.name, m.kind, m.kind === 'scenes' ? `${m.configName} (${m.steps}-token windows)` : `${m.configName} (${m.steps} steps)`, m.origin, when(m.createdAt), metricText(m)]),
  ];
  return alignedTable(rows);
}

/** A model by id, or by name (compared as the schema does); several kinds may share a name. */
export async function findModels(session: StudioSession, nameOrId: string): Promise<ModelInfo[]> {
  const models = (await session.call('models', 'list', {})) as ModelInfo[];
  const byId = models.filter((m) => m.id === nameOrId);
  if (byId.length > 0) return byId;
  const key = projectNameKey(nameOrId);
  return models.filter((m) => projectNameKey(m.name) === key);
}

/** Exit codes: 0 ok, 1 failed, 2 bad usage. Errors are one line on stderr. */
/**
 * The one model named or with the id `nameOrId`, or the exit code after saying why not: none (1) or
 * several (2; `purpose` ends the hint: "give the id of the one to use").
 */
export async function pickModel(session: StudioSession, nameOrId: string, purpose: string): Promise<ModelInfo | number> {
  const found = await findModels(session, nameOrId);
  if (found.length === 0) return fail(1, `No model is named or has the id “${nameOrId}”; see \`montage models\`.`);
  if (found.length > 1) return fail(2, `“${nameOrId}” names ${found.length} models (${found.map((m) => `${m.kind} ${m.id}`).join(', ')}); give the id of the one to ${purpose}.`);
  return found[0]!;
}

export async function modelsCommand(sub: string | undefined, positionals: string[], flags: ModelsFlags): Promise<number> {
  const dataDir = flags.dataDir ?? defaultDataDir();
  if (sub === undefined || sub === 'list') {
    if (positionals.length > 0) return fail(2, `models list takes no arguments (got "${positionals[0]}"); ${usage}`);
    let models: ModelInfo[];
    let session: StudioSession | undefined;
    try {
      // Through the host (its own or the running one), so the shipped models are registered.
      session = await openStudioSession(dataDir, 'list the models');
      models = (await session.call('models', 'list', {})) as ModelInfo[];
    } catch (err) {
      if (err instanceof CliRefusal) return fail(1, err.message);
      return fail(1, StudioError.from(err).message);
    } finally {
      session?.close();
    }
    if (flags.json) console.log(JSON.stringify({ models }));
    else if (models.length === 0) console.log('No models yet. Train one in the studio.');
    else console.log(modelsTable(models));
    return 0;
  }
  if (sub === 'delete') {
    if (positionals.length !== 1) return fail(2, `${usage} (quote a name with spaces)`);
    const wanted = positionals[0] as string;
    let session: StudioSession | undefined;
    let deleted: ModelInfo;
    try {
      session = await openStudioSession(dataDir, 'delete the model');
      const picked = await pickModel(session, wanted, 'delete');
      if (typeof picked === 'number') return picked;
      deleted = picked;
      await session.call('models', 'delete', { id: deleted.id });
    } catch (err) {
      return sessionFailure(err);
    } finally {
      session?.close();
    }
    if (flags.json) console.log(JSON.stringify({ deleted: { id: deleted.id as ModelId, name: deleted.name, kind: deleted.kind } }));
    else console.log(`Deleted the ${deleted.kind} model “${deleted.name}”${session.kind === 'running' ? ' in the running Montage' : ''}.`);
    return 0;
  }
  return fail(2, `unknown models command "${sub}" (list, delete); ${usage}`);
}
