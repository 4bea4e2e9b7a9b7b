// A speed-up for Tone.js in the render thread, that changes no value it computes. Every time Tone
// converts a time or frequency (several times per note: toSeconds on each start, duration and
// envelope stage), it makes a TimeClass (or FrequencyClass, …) whose constructor builds its table
// of unit parsers, a dozen closures and regular expressions, whether the value is a string to
// parse or, as almost always in a render, a plain number. In a long render that was a fifth of the
// render thread's time, and much of its garbage. Here the table is built when first read, which
// for a plain number is never; when it is read, it is the very table the constructor would have
// built. If Tone's classes do not look as expected (another Tone version), nothing is changed.
import * as Tone from 'tone';

/** What the table is while nobody has asked for it. */
const notBuilt = Symbol('expressions not built');
const store = Symbol('expressions');

type TimeLike = { _getExpressions(): unknown; [store]?: unknown };

export function deferToneUnitTables(): boolean {
  // The unit classes, from instances: TimeClass, FrequencyClass (and MidiClass), TransportTimeClass,
  // TicksClass; each overrides _getExpressions and calls its parent's.
  const samples: object[] = [Tone.Time(0), Tone.Frequency(440), Tone.Midi(60), Tone.TransportTime(0), Tone.Ticks(0)];
  const protos = new Set<Record<string, unknown>>();
  for (const sample of samples) {
    for (let p = Object.getPrototypeOf(sample) as Record<string, unknown> | null; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
      if (Object.prototype.hasOwnProperty.call(p, '_getExpressions')) protos.add(p);
    }
  }
  // The base (TimeBaseClass) is the one whose parent has no table of its own.
  const base = [...protos].find((p) => ![...protos].some((q) => q !== p && Object.prototype.isPrototypeOf.call(q, p)));
  if (!base || protos.size < 4 || Object.getOwnPropertyDescriptor(base, '_expressions') || [...protos].some((p) => typeof p._getExpressions !== 'function')) return false;

  let building = false;
  for (const proto of protos) {
    const build = proto._getExpressions as () => unknown;
    // Called by the constructor: defer. Called while building (the subclass's super call): build.
    proto._getExpressions = function (this: TimeLike) {
      return building ? build.call(this) : notBuilt;
    };
  }
  Object.defineProperty(base, '_expressions', {
    configurable: true,
    get(this: TimeLike) {
      if (this[store] === notBuilt || this[store] === undefined) {
        building = true;
        try {
          this[store] = this._getExpressions();
        } finally {
          building = false;
        }
      }
      return this[store];
    },
    set(this: TimeLike, value: unknown) {
      this[store] = value;
    },
  });
  return true;
}
