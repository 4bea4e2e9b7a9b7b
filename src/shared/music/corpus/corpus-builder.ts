// Gathers the examples of many songs into one corpus per kind and length: runs extractExamples on
// each song, drops examples already in the corpus (counted with extractExamples' own duplicates),
// and keeps per source type ("mma", "abc", "synthetic") the files, failures, examples and skipped
// windows by reason, for the corpus header and CORPUS.md.
import { extractExamples, summariseCorpus, type ExampleKind, type ExtractedExamples, type SkipCount } from '../encoding';
import type { NoteSequence } from '../note-sequence';
import type { CorpusSourceSummary } from './corpus-file';

const duplicateReason = 'the same as an earlier example';

interface Tally {
  files: number;
  failed: number;
  examples: number;
  skipped: Map<string, { label: string; count: number }>;
}

const labelFor = (reason: string, label: string, count: number): string => (reason === duplicateReason ? (count === 1 ? 'duplicate' : 'duplicates') : label);

function skipList(map: Map<string, { label: string; count: number }>): SkipCount[] {
  return [...map]
    .map(([reason, { label, count }]) => ({ reason, label: labelFor(reason, label, count), count }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

export class CorpusBuilder<T extends Int32Array | Uint16Array> {
  readonly examples: T[] = [];
  private readonly seen = new Set<string>();
  private readonly tallies = new Map<string, Tally>();
  private readonly contributingTracks = new Set<string>();
  private songs = 0;

  constructor(
    readonly kind: ExampleKind,
    readonly bars: number,
  ) {}

  private tally(source: string): Tally {
    let t = this.tallies.get(source);
    if (!t) this.tallies.set(source, (t = { files: 0, failed: 0, examples: 0, skipped: new Map() }));
    return t;
  }

  private skip(t: Tally, reason: string, label: string, count: number): void {
    const entry = t.skipped.get(reason);
    if (entry) entry.count += count;
    else t.skipped.set(reason, { label, count });
  }

  /** Extracts `song`'s examples into the corpus; returns how many were new. */
  addSong(source: string, song: NoteSequence): number {
    const t = this.tally(source);
    t.files++;
    const songIndex = this.songs++;
    const extracted = extractExamples(song, { kind: this.kind, bars: this.bars }) as ExtractedExamples<T>;
    for (const s of extracted.skipped) this.skip(t, s.reason, s.label, s.count);
    let added = 0;
    extracted.examples.forEach((example, i) => {
      const key = example.join(',');
      if (this.seen.has(key)) {
        this.skip(t, duplicateReason, 'duplicates', 1);
        return;
      }
      this.seen.add(key);
      this.examples.push(example);
      this.contributingTracks.add(`${songIndex}:${extracted.sources[i]?.trackId}`);
      added++;
    });
    t.examples += added;
    return added;
  }

  /** Counts a file of `source` that could not be rendered or read. */
  addFailure(source: string): void {
    const t = this.tally(source);
    t.files++;
    t.failed++;
  }

  /** Per source type: files, failures, examples and skipped windows. */
  sources(): Record<string, CorpusSourceSummary> {
    const out: Record<string, CorpusSourceSummary> = {};
    for (const [name, t] of this.tallies) out[name] = { files: t.files, failed: t.failed, examples: t.examples, skipped: skipList(t.skipped) };
    return out;
  }

  /** Skipped windows of all sources together, most frequent first. */
  skipped(): SkipCount[] {
    const all = new Map<string, { label: string; count: number }>();
    for (const t of this.tallies.values())
      for (const [reason, { label, count }] of t.skipped) {
        const entry = all.get(reason);
        if (entry) entry.count += count;
        else all.set(reason, { label, count });
      }
    return skipList(all);
  }

  /** The summariseCorpus line of the whole corpus. */
  summary(): string {
    return summariseCorpus({ kind: this.kind, bars: this.bars, examples: this.examples, skipped: this.skipped(), tracks: this.contributingTracks.size });
  }
}
