// How numbers, dates and durations read across the UI, kept in one place so the projects list,
// the runs table and the Jobs panel agree.
import type { SystemInfo } from '../../shared/api';
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const monthDayTime = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

export function formatDate(ms: number): string {
  return date.format(ms);
}

/** Compact stamp for dense tables: "Nov 27, 18:06", with the year only when it is not this one. */
export function formatStamp(ms: number, now: number): string {
  return new Date(ms).getFullYear() === new Date(now).getFullYear() ? monthDayTime.format(ms) : dateTime.format(ms);
}

/** When a job started: the time of day if it was today ("14:05"), else a compact stamp. */
export function formatStartTime(ms: number, now: number): string {
  return new Date(ms).toDateString() === new Date(now).toDateString() ? timeOfDay.format(ms) : formatStamp(ms, now);
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", then the date. */
export function formatRelative(ms: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - ms) / 1000));
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 7) return `${days} days ago`;
  return formatDateTime(ms);
}

/** Wall-clock style for live counters: 0:07, 12:04, 1:02:03. */
export function formatClock(ms: number): string {
  const total = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Human durations for finished work: 850 ms, 4.2 s, 2 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(totalSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Three significant figures, which is all a throughput comparison needs. */
export function formatRate(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

export function formatLoss(value: number, decimals = 3): string {
  return Number.isFinite(value) ? value.toFixed(decimals) : '—';
}

/** "linux x64 · 2 CPUs · Node 20.20.2": the machine line of About and the machine card. */
export function formatMachine(info: Pick<SystemInfo, 'platform' | 'arch' | 'cpus' | 'nodeVersion'>): string {
  return `${info.platform} ${info.arch} · ${info.cpus} CPU${info.cpus === 1 ? '' : 's'} · Node ${info.nodeVersion}`;
}
