// An accessible progress bar: role="progressbar" with aria-valuenow in 0–100, so screen readers
// and tests read the same number the bar draws.
interface ProgressBarProps {
  /** 0…1 */
  value: number;
  label: string;
  tone?: 'active' | 'done' | 'failed' | 'warn' | 'muted';
  testId?: string;
}

export function ProgressBar({ value, label, tone = 'active', testId }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, Number.isFinite(value) ? value : 0)) * 100);
  return (
    <div
      className={`progress progress-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}
