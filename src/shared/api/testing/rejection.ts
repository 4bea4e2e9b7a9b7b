// For tests of the API's refusals: the StudioError a request is rejected with.
import { StudioError } from '../errors';

/** Awaits `promise` and answers the StudioError it rejects with; throws when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<StudioError> {
  try {
    await promise;
  } catch (err) {
    if (!(err instanceof StudioError)) throw new Error(`expected a StudioError, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`, { cause: err });
    return err;
  }
  throw new Error('expected a rejection');
}
