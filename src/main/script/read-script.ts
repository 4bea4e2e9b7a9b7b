// A script file's bytes as a script, or a clear refusal: the one reading that imports (the scripts
// service, `montage import`) and `montage script report FILE` share. Decodes the text (decode.ts),
// reads Final Draft XML or Fountain, and refuses a Fountain file the parser found broken (an
// unclosed boneyard or note) with the parser's own words. Throws ScriptFileError or FdxError.
import { maxScriptFileBytes, type ScriptFormat } from '../../shared/api/scripts';
import { decodeScriptFile, ScriptFileError } from '../../shared/script/decode';
import { FdxError, readFdx, writeFdx } from '../../shared/script/fdx';
import { normalizeNewlines, parseFountain } from '../../shared/script/fountain-parse';
import { writeFountain } from '../../shared/script/fountain-write';
import { maxScriptChars, type Script } from '../../shared/script/script';

export { FdxError, ScriptFileError, writeFdx };

export function readScriptBytes(bytes: Uint8Array, format: ScriptFormat): { fountain: string; script: Script } {
  if (bytes.length > maxScriptFileBytes) {
    throw new ScriptFileError(`That script file is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Montage opens scripts up to ${maxScriptFileBytes / 1024 / 1024} MB.`);
  }
  const text = decodeScriptFile(bytes);
  if (text.length > maxScriptChars) {
    throw new ScriptFileError(`This script is too long: Montage opens scripts of up to ${maxScriptChars.toLocaleString('en-US')} characters.`);
  }
  if (format === 'fdx') {
    const script = readFdx(text);
    return { fountain: writeFountain(script), script };
  }
  const fountain = normalizeNewlines(text);
  const parsed = parseFountain(fountain);
  const [problem, ...more] = parsed.problems;
  if (problem) throw new ScriptFileError(more.length > 0 ? `${problem.message} (and ${more.length} more problem${more.length > 1 ? 's' : ''})` : problem.message);
  return { fountain, script: parsed.script };
}

/** Whether an error is a refusal of the file (to show as it is) rather than a fault of Montage. */
export const isScriptRefusal = (err: unknown): err is Error => err instanceof ScriptFileError || err instanceof FdxError;
