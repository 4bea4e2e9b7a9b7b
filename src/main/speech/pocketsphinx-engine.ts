// Speech recognition with CMU pocketsphinx, the engine that works offline out of the box on Linux
// (`apt-get install pocketsphinx pocketsphinx-en-us`): its `pocketsphinx_continuous` program is
// run on a 16 kHz 16-bit mono WAV with `-time yes`, which prints each utterance's words with their
// times as soon as the utterance ends. No Node binding of pocketsphinx builds here, so the program
// is spawned (no shell; arguments as an array).
//
// The WAV is written in a private folder made by mkdtemp (0700, a random name), never at a
// predictable path in the shared temp folder, and the folder is removed afterwards whatever
// happens. Progress is the time of the last word printed against the audio's length. Aborting the
// signal kills the process; the promise settles only once it has exited.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { StudioError } from '../../shared/api';
import { speechSampleRate, type Transcript } from '../../shared/speech/transcript';
import { findExecutable } from './find-executable';
import { lastLoggedError, parsePocketsphinxOutput, parseTimedLine } from './pocketsphinx-output';
import { loadSpeechAudio, writeSpeechWav } from './speech-audio';
import { cancelledTranscription, silenceNote, unavailableEngine, type SpeechEngine, type SpeechEngineStatus, type SpeechInput, type TranscribeOptions } from './speech-engine';

export const pocketsphinxInstallHint = 'apt-get install pocketsphinx pocketsphinx-en-us';
export const defaultPocketsphinxBinary = 'pocketsphinx_continuous';
/** Where Debian's pocketsphinx-en-us puts the US English model. */
export const defaultPocketsphinxModelDir = '/usr/share/pocketsphinx/model/en-us';

export interface PocketsphinxOptions {
  /** The program (default pocketsphinx_continuous, found on the PATH), or its path. */
  binary?: string;
  /** A folder holding en-us/ (acoustic model), en-us.lm.bin and cmudict-en-us.dict. */
  modelDir?: string;
  /** The decoding thread's built entry (tests; default: this package's). */
  decoderEntry?: string;
  /** Where the private work folder is made (default: the system's temp folder). */
  tempRoot?: string;
}

export class PocketsphinxEngine implements SpeechEngine {
  readonly id = 'pocketsphinx' as const;

  constructor(private readonly options: PocketsphinxOptions = {}) {}

  private model(): { hmm: string; lm: string; dict: string } {
    const dir = this.options.modelDir ?? defaultPocketsphinxModelDir;
    return { hmm: join(dir, 'en-us'), lm: join(dir, 'en-us.lm.bin'), dict: join(dir, 'cmudict-en-us.dict') };
  }

  async status(): Promise<SpeechEngineStatus> {
    const name = this.options.binary ?? defaultPocketsphinxBinary;
    const binary = findExecutable(name);
    if (!binary) {
      return { engine: this.id, available: false, detail: `pocketsphinx is not installed (no ${name} on the PATH).`, installHint: pocketsphinxInstallHint };
    }
    const model = this.model();
    const missing = [join(model.hmm, 'mdef'), model.lm, model.dict].filter((f) => !existsSync(f));
    if (missing.length > 0) {
      return { engine: this.id, available: false, detail: `pocketsphinx's US English model is missing (${missing.join(', ')}).`, installHint: pocketsphinxInstallHint };
    }
    return { engine: this.id, available: true, detail: `${binary}, US English model in ${this.options.modelDir ?? defaultPocketsphinxModelDir}.` };
  }

  async transcribe(input: SpeechInput, options: TranscribeOptions = {}): Promise<Transcript> {
    const started = performance.now();
    const status = await this.status();
    if (!status.available) throw unavailableEngine(status);
    options.onProgress?.({ stage: 'decoding', fraction: 0 });
    const pcm = await loadSpeechAudio(input, { signal: options.signal, decoderEntry: this.options.decoderEntry });
    options.onProgress?.({ stage: 'decoding', fraction: 1 });
    const durationSeconds = pcm.length / speechSampleRate;
    let stdout = '';
    if (pcm.length > 0) {
      const dir = await mkdtemp(join(this.options.tempRoot ?? tmpdir(), 'montage-speech-'));
      try {
        const wav = join(dir, 'audio.wav');
        await writeSpeechWav(wav, pcm);
        const binary = findExecutable(this.options.binary ?? defaultPocketsphinxBinary) as string;
        const model = this.model();
        const args = ['-infile', wav, '-time', 'yes', '-logfn', join(dir, 'pocketsphinx.log'), '-hmm', model.hmm, '-lm', model.lm, '-dict', model.dict];
        stdout = await runPocketsphinx(binary, args, join(dir, 'pocketsphinx.log'), durationSeconds, options);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
    const words = parsePocketsphinxOutput(stdout);
    options.onProgress?.({ stage: 'recognising', fraction: 1 });
    const transcript: Transcript = {
      engine: this.id,
      durationSeconds,
      seconds: (performance.now() - started) / 1000,
      words,
      text: words.map((w) => w.word).join(' '),
    };
    if (words.length === 0) transcript.note = silenceNote(durationSeconds);
    return transcript;
  }
}

/** Runs the program to its end; resolves with its stdout. */
function runPocketsphinx(binary: string, args: string[], logFile: string, durationSeconds: number, options: TranscribeOptions): Promise<string> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(cancelledTranscription());
  return new Promise((resolve, reject) => {
    onProgress?.({ stage: 'recognising', fraction: 0 });
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    let cancelled = false;
    let spawnError: Error | undefined;
    const onAbort = (): void => {
      cancelled = true;
      child.kill('SIGKILL');
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    let out = '';
    let pending = '';
    let stderr = '';
    const decoder = new StringDecoder('utf8');
    child.stdout.on('data', (chunk: Buffer) => {
      const text = decoder.write(chunk);
      out += text;
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      if (!onProgress || durationSeconds <= 0) return;
      let last = -1;
      for (const line of lines) last = Math.max(last, parseTimedLine(line)?.end ?? -1);
      if (last >= 0) onProgress({ stage: 'recognising', fraction: Math.min(1, last / durationSeconds) });
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.once('error', (err) => {
      spawnError = err;
    });
    child.once('close', (code, killedBy) => {
      signal?.removeEventListener('abort', onAbort);
      out += decoder.end();
      if (cancelled) return reject(cancelledTranscription());
      if (spawnError) {
        const missing = (spawnError as NodeJS.ErrnoException).code === 'ENOENT';
        return reject(
          missing
            ? new StudioError('unavailable', `pocketsphinx is not installed (${binary} cannot be run). Install: ${pocketsphinxInstallHint}`)
            : new StudioError('internal', `pocketsphinx could not be started: ${spawnError.message}`),
        );
      }
      if (code === 0) return resolve(out);
      reject(failure(code, killedBy, logFile, stderr));
    });
  });
}

/**
 * Why the program failed, from its log. A failure reported by the program's own front end
 * (continuous.c) concerns the audio it was given; one from any other part (mdef.c, acmod.c,
 * dict.c, the language model) is a model it could not load: an installation problem.
 */
function failure(code: number | null, killedBy: NodeJS.Signals | null, logFile: string, stderr: string): StudioError {
  let log = '';
  try {
    log = readFileSync(logFile, 'utf8');
  } catch {
    // No log: the program stopped before it wrote one.
  }
  const logged = lastLoggedError(log);
  const reason = logged?.message ?? (stderr.trim().split('\n').pop() || null);
  const how = killedBy ? `was stopped by ${killedBy}` : `failed (exit code ${code})`;
  if (logged?.source && logged.source !== 'continuous.c') {
    return new StudioError('unavailable', `pocketsphinx ${how}: it could not load its model (${logged.source}: ${logged.message}). Reinstall: ${pocketsphinxInstallHint}`);
  }
  return new StudioError('internal', `pocketsphinx ${how}${reason ? `: ${reason}` : ''}.`);
}
