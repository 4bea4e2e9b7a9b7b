// What the CLI commands share for reading flags and printing tables: the usage error a command
// turns into exit code 2, a checked numeric flag, and an aligned plain-text table.

/** A flag or argument the command cannot take: printed with exit code 2. */
export class UsageError extends Error {}

/** `--name` as a number from min to max (whole when `integer`); undefined when not given. */
export function numberFlag(name: string, raw: string | undefined, min: number, max: number, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${raw}"`);
  }
  return n;
}

/** Rows as aligned columns two spaces apart (the last column is not padded; widths count characters). */
export function alignedTable(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length))).join('  ')).join('\n');
}
