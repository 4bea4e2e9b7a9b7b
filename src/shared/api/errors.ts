// Typed errors of the Studio API. Services throw StudioError; both transports serialise it to
// SerializedStudioError and the renderer's client rebuilds it, so the UI can show `message` as is
// and branch on `code`.
export const errorCodes = [
  'invalid-argument',
  'not-found',
  'conflict',
  'unavailable',
  'cancelled',
  'unauthorized',
  'internal',
] as const;
export type StudioErrorCode = (typeof errorCodes)[number];

export interface SerializedStudioError {
  code: StudioErrorCode;
  message: string;
  /** Field-level problems for invalid-argument: path → message. */
  issues?: { path: string; message: string }[];
}

export class StudioError extends Error {
  readonly code: StudioErrorCode;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(code: StudioErrorCode, message: string, issues?: { path: string; message: string }[]) {
    super(message);
    this.name = 'StudioError';
    this.code = code;
    this.issues = issues;
  }

  toJSON(): SerializedStudioError {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromJSON(e: SerializedStudioError): StudioError {
    return new StudioError(e.code, e.message, e.issues);
  }

  /** Wraps anything thrown into a StudioError without leaking stack traces to the renderer. */
  static from(err: unknown): StudioError {
    if (err instanceof StudioError) return err;
    const message = err instanceof Error ? err.message : String(err);
    return new StudioError('internal', `Unexpected error: ${message}`);
  }
}
