// From a microphone's samples to what dictation sends the host: 16 kHz mono 16-bit little-endian
// PCM. The microphone runs at its own rate (48 or 44.1 kHz usually); each 16 kHz sample is the mean
// of the input samples its span covers (a box low-pass, enough for speech, whose energy lies far
// below 8 kHz), with the remainder carried from one buffer to the next so that no sample is lost
// or counted twice. A slower input (8 kHz) is interpolated instead. Pure, so it is unit-tested.

export const dictationRate = 16_000;

export class Downsampler {
  private readonly ratio: number;
  /** Input samples consumed so far, and output samples made. */
  private consumed = 0;
  private made = 0;
  private sum = 0;
  private count = 0;
  private last = 0;

  constructor(inputRate: number, private readonly outputRate = dictationRate) {
    this.ratio = inputRate / outputRate;
  }

  push(input: Float32Array): Float32Array {
    const out: number[] = [];
    if (this.ratio >= 1) {
      for (let i = 0; i < input.length; i++) {
        this.sum += input[i] as number;
        this.count++;
        this.consumed++;
        // Output sample `made` covers input [made · ratio, (made + 1) · ratio).
        if (this.consumed >= (this.made + 1) * this.ratio) {
          out.push(this.sum / this.count);
          this.made++;
          this.sum = 0;
          this.count = 0;
        }
      }
    } else {
      for (let i = 0; i < input.length; i++) {
        const x = input[i] as number;
        // Output samples whose time falls between the previous input sample and this one.
        while (this.made * this.ratio <= this.consumed) {
          const t = this.made * this.ratio - (this.consumed - 1);
          out.push(this.consumed === 0 ? x : this.last + (x - this.last) * Math.min(1, Math.max(0, t)));
          this.made++;
        }
        this.last = x;
        this.consumed++;
      }
    }
    return Float32Array.from(out);
  }
}

/** −1…1 floats to 16-bit little-endian bytes (clipped). */
export function toPcm16(samples: Float32Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i] as number));
    view.setInt16(i * 2, Math.round(v < 0 ? v * 32768 : v * 32767), true);
  }
  return bytes;
}

/** Root-mean-square level of the samples (0 for none). */
export function rmsLevel(samples: Float32Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += (samples[i] as number) ** 2;
  return Math.sqrt(sum / samples.length);
}

/** A level for a meter, 0…1 on a decibel scale from −60 dBFS (silence) to 0 dBFS, as ears hear it. */
export function meterLevel(rms: number): number {
  if (rms <= 0) return 0;
  return Math.min(1, Math.max(0, (20 * Math.log10(rms) + 60) / 60));
}
