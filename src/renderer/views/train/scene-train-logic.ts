// Pure decisions of "Train on my scripts…" (the Train dialog's scene-model variant) and of a scene
// training job's charts: the API source from the ticked scripts, the checks on chosen .fountain /
// .fdx files before reading them, the preview line and what stops a start, and the loss and
// perplexity series of the job's points (the next-scene model's phase, then the draft model's).
import { maxTrainingFileBytes, maxTrainingUploadBytes, maxTrainingUploadFiles, type MetricPoint, type SceneTrainingSource, type SceneTrainingSummary } from '../../../shared/api';
import type { SceneTrainingPoint } from '../../../shared/jobs/task-kinds';

const mb = (bytes: number): string => `${Math.round((bytes / 1e6) * 10) / 10} MB`;

/** Steps of a scene model's draft model when the writer does not change them. */
export const defaultSceneSteps = 1500;

export const isScriptFileName = (name: string): boolean => /\.(fountain|spmd|fdx)$/i.test(name);

/** The source for the ticked scripts of a project (all ticked: the whole project), or null with none. */
export function scriptsSource(projectId: string, allIds: readonly string[], ticked: ReadonlySet<string>): SceneTrainingSource | null {
  const ids = allIds.filter((id) => ticked.has(id));
  if (ids.length === 0) return null;
  return ids.length === allIds.length ? { kind: 'scripts', projectId } : { kind: 'scripts', projectId, docIds: ids };
}

/** Why these script files cannot be sent, before reading them (null when they can). */
export function scriptUploadProblem(files: readonly { name: string; size: number }[]): string | null {
  if (files.length === 0) return 'Choose at least one script file.';
  if (files.length > maxTrainingUploadFiles) return `Choose at most ${maxTrainingUploadFiles} files at a time (${files.length} chosen).`;
  const other = files.find((f) => !isScriptFileName(f.name));
  if (other) return `“${other.name}” is not a script file. Choose .fountain or .fdx files.`;
  const big = files.find((f) => f.size > maxTrainingFileBytes);
  if (big) return `“${big.name}” is ${mb(big.size)}; a script file may be at most ${mb(maxTrainingFileBytes)}.`;
  const empty = files.find((f) => f.size === 0);
  if (empty) return `“${empty.name}” is empty.`;
  const total = files.reduce((s, f) => s + f.size, 0);
  if (total > maxTrainingUploadBytes) return `The files come to ${mb(total)}; choose at most ${mb(maxTrainingUploadBytes)} at a time.`;
  return null;
}

/** "Found 412 scenes in 3 scripts." */
export function scenePreviewLine(summary: SceneTrainingSummary): string {
  const text = summary.summary.trim() || `${summary.scenes} scenes in ${summary.scripts} scripts`;
  const line = /^found\b/i.test(text) ? text : `Found ${text}`;
  return `${line[0]!.toUpperCase()}${line.slice(1)}${/[.!?]$/.test(line) ? '' : '.'}`;
}

/** The reason training cannot start on this preview, or null. */
export function sceneBlocker(summary: SceneTrainingSummary): string | null {
  if (summary.enough) return null;
  const without = summary.withoutScenes > 0 ? ` (${summary.withoutScenes} script${summary.withoutScenes === 1 ? ' has' : 's have'} no scene heading)` : '';
  return `Training needs at least ${summary.minScenes} scenes; found ${summary.scenes}${without}.`;
}

/** uPlot data of a scene training job. */
/** One figure of a scene training run, split by phase: the next-scene model trains first, then the draft model, on one step axis. */
export interface PhaseSeries {
  outline: (number | null)[];
  draft: (number | null)[];
}

export interface SceneTrainingSeries {
  steps: number[];
  loss: PhaseSeries;
  heldOutLoss: PhaseSeries;
  perplexity: PhaseSeries;
  heldOutPerplexity: PhaseSeries;
}

const num = (x: number | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Whether a job's points are a scene model's (they carry perplexity or a phase). */
export const isScenePoints = (points: readonly MetricPoint[]): boolean => points.some((p) => 'perplexity' in p || 'phase' in p || 'heldOutPerplexity' in p);

export function sceneTrainingSeries(points: readonly MetricPoint[]): SceneTrainingSeries {
  const phases = (): PhaseSeries => ({ outline: [], draft: [] });
  const out: SceneTrainingSeries = { steps: [], loss: phases(), heldOutLoss: phases(), perplexity: phases(), heldOutPerplexity: phases() };
  const put = (series: PhaseSeries, outline: boolean, value: number | null) => {
    series.outline.push(outline ? value : null);
    series.draft.push(outline ? null : value);
  };
  for (const raw of points) {
    const p = raw as SceneTrainingPoint;
    const outline = p.phase === 'outline';
    out.steps.push(p.step);
    put(out.loss, outline, num(p.loss));
    put(out.heldOutLoss, outline, num(p.heldOutLoss));
    put(out.perplexity, outline, num(p.perplexity));
    put(out.heldOutPerplexity, outline, num(p.heldOutPerplexity));
  }
  return out;
}

const phaseName = (phase: string | undefined): string | null => (phase === 'outline' ? 'next-scene model' : phase === 'draft' ? 'draft model' : null);

/** The latest figures of a scene training job, for the line under its charts. */
export function latestSceneFigures(points: readonly MetricPoint[]): string {
  const last = points[points.length - 1] as SceneTrainingPoint | undefined;
  if (!last) return 'No steps yet.';
  const parts = [`step ${last.step}`];
  const phase = phaseName(last.phase);
  if (phase) parts.push(phase);
  if (num(last.loss) !== null) parts.push(`loss ${last.loss!.toFixed(2)}`);
  if (num(last.perplexity) !== null) parts.push(`perplexity ${last.perplexity!.toFixed(1)}`);
  const evaluated = [...points].reverse().find((p) => num((p as SceneTrainingPoint).heldOutPerplexity) !== null) as SceneTrainingPoint | undefined;
  if (evaluated) parts.push(`held-out perplexity ${evaluated.heldOutPerplexity!.toFixed(1)} (step ${evaluated.step})`);
  return parts.join(' · ');
}
