// Which audio format a file is, by its first bytes, never by its name or the browser's guess: the
// host stores only WAV, MP3, OGG and FLAC (and SF2/SF3 soundfonts, checked further by
// soundfont-check.ts), and the CLI and the renderer refuse other files early with the same rule. Pure, so all three sides agree by construction.

export interface AudioType {
  /** 'sf2' is a SoundFont (SF2, or SF3 with compressed samples): instruments for a song's tracks. */
  ext: 'wav' | 'mp3' | 'ogg' | 'flac' | 'sf2';
  mime: string;
}

/** The stored type of a soundfont (SF2 and SF3 alike: both are RIFF 'sfbk' files). */
export const soundfontMime = 'audio/x-soundfont';
export const isSoundfontMime = (mime: string): boolean => mime === soundfontMime;

/** How many leading bytes `sniffAudio` needs. */
export const sniffBytes = 12;

const ascii = (b: Uint8Array, at: number, text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (b[at + i] !== text.charCodeAt(i)) return false;
  return true;
};

/** The audio type of a file starting with `head`, or null when it is none Montage imports. */
export function sniffAudio(head: Uint8Array): AudioType | null {
  if (head.length >= 12 && ascii(head, 0, 'RIFF') && ascii(head, 8, 'WAVE')) return { ext: 'wav', mime: 'audio/wav' };
  if (head.length >= 12 && ascii(head, 0, 'RIFF') && ascii(head, 8, 'sfbk')) return { ext: 'sf2', mime: soundfontMime };
  if (head.length >= 4 && ascii(head, 0, 'OggS')) return { ext: 'ogg', mime: 'audio/ogg' };
  if (head.length >= 4 && ascii(head, 0, 'fLaC')) return { ext: 'flac', mime: 'audio/flac' };
  // An ID3v2 tag (version byte 2…4) in front of MPEG audio.
  if (head.length >= 4 && ascii(head, 0, 'ID3') && (head[3] ?? 0) >= 2 && (head[3] ?? 0) <= 4) return { ext: 'mp3', mime: 'audio/mpeg' };
  // A bare MPEG audio frame: 11 sync bits, a valid version (not 01), layer III, a bitrate index
  // other than 1111 and a sample-rate index other than 11.
  const [b0 = 0, b1 = 0, b2 = 0] = head;
  if (head.length >= 3 && b0 === 0xff && (b1 & 0xe0) === 0xe0 && (b1 & 0x18) !== 0x08 && (b1 & 0x06) === 0x02 && (b2 & 0xf0) !== 0xf0 && (b2 & 0x0c) !== 0x0c) {
    return { ext: 'mp3', mime: 'audio/mpeg' };
  }
  return null;
}

/** File extensions the import controls accept (the content still decides). */
export const audioExtensions: readonly string[] = ['.wav', '.mp3', '.ogg', '.oga', '.flac'];
export const looksLikeAudio = (name: string): boolean => audioExtensions.some((e) => name.toLowerCase().endsWith(e));
