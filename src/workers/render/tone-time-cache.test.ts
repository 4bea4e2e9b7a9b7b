import { describe, expect, it } from 'vitest';
import { installWebAudioGlobals } from './web-audio-globals';

// As in the render thread: the Web Audio globals first, then Tone (musical units need a context
// with a Transport for their tempo).
installWebAudioGlobals();
const Tone = await import('tone');
const { deferToneUnitTables } = await import('./tone-time-cache');
Tone.setContext(new Tone.OfflineContext(2, 1, 44_100));
Tone.getTransport().bpm.value = 96;

describe('deferring Tone’s unit tables', () => {
  it('changes no conversion, of numbers or of strings in every unit', () => {
    const times: (string | number)[] = [0, 1.25, '1.5', '4n', '8n.', '1m', '2m', '16t', '3:1:2', '480i', '2hz', '22050samples', '0.5s', '+0.25'];
    const frequencies: (string | number)[] = [440, 'C4', 'A#3', '880hz', '4n', '1m'];
    const convert = () => ({
      seconds: times.map((t) => Tone.Time(t).toSeconds()),
      ticks: times.filter((t) => !String(t).startsWith('+')).map((t) => Tone.Ticks(t).toTicks()),
      transport: times.filter((t) => !String(t).startsWith('+')).map((t) => Tone.TransportTime(t).toSeconds()),
      hz: frequencies.map((f) => Tone.Frequency(f).toFrequency()),
      midi: [0, 60, 69, 127].map((m) => Tone.Frequency(m, 'midi').toFrequency()),
      notation: [0.5, 2].map((t) => Tone.Time(t).toNotation()),
      midiNote: [60, 'C4'].map((m) => Tone.Midi(m).toFrequency()),
    });
    const before = convert();
    expect(deferToneUnitTables()).toBe(true);
    expect(convert()).toEqual(before);
  });
});
