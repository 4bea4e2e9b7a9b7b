// The voice-command grammar: a fixed list of spoken phrases ("play", "next scene", "undo") and what
// each asks for. A recognised utterance is a command only when, once polite filler ("please",
// "okay montage", "the") is set aside, it is exactly one of the phrases: a sentence that merely
// contains "play" in dictation must never start playback. Pure, so the host and the renderer agree.
//
// Each command names the ids of the renderer's command registry (src/renderer/commands/registry.ts)
// that carry it out, in order of preference; the app runs the first one enabled where the user is
// (undo in the song editor is `song.undo`, on the script screen `script.undo`, elsewhere
// `edit.undo`). A command with no id yet (record, save) is still recognised, so the app can answer
// it rather than ignore the user.
import { normaliseWords } from './word-error-rate';

export const voiceCommandIds = [
  'play',
  'stop',
  'record',
  'generate',
  'undo',
  'redo',
  'next-scene',
  'previous-scene',
  'save',
  'to-start',
  'loop',
  'metronome',
  'next-result',
  'previous-result',
  'keep',
  'discard',
  'zoom-in',
  'zoom-out',
  'quantize',
  'show-jobs',
  'show-shortcuts',
  'command-palette',
  'new-project',
] as const;
export type VoiceCommandId = (typeof voiceCommandIds)[number];

export interface VoiceCommand {
  id: VoiceCommandId;
  /** What the user may say (normalised words: lower case, no punctuation). */
  phrases: readonly string[];
  /** Ids of the renderer's command registry that carry it out, preferred first; empty when the app has none yet. */
  registryIds: readonly string[];
}

export const voiceCommands: readonly VoiceCommand[] = [
  { id: 'play', phrases: ['play', 'start playing', 'start playback', 'play it'], registryIds: ['transport.playStop', 'audio.playPause'] },
  { id: 'stop', phrases: ['stop', 'stop playing', 'stop playback', 'pause'], registryIds: ['transport.playStop', 'audio.playPause'] },
  { id: 'record', phrases: ['record', 'start recording'], registryIds: [] },
  { id: 'generate', phrases: ['generate', 'generate more', 'show generate'], registryIds: ['generate.togglePanel'] },
  { id: 'undo', phrases: ['undo', 'undo that', 'undo last'], registryIds: ['song.undo', 'script.undo', 'edit.undo'] },
  { id: 'redo', phrases: ['redo', 'redo that'], registryIds: ['song.redo', 'script.redo', 'edit.redo'] },
  { id: 'next-scene', phrases: ['next scene', 'go to next scene'], registryIds: ['script.nextScene'] },
  { id: 'previous-scene', phrases: ['previous scene', 'last scene', 'go to previous scene', 'go back a scene'], registryIds: ['script.previousScene'] },
  { id: 'save', phrases: ['save', 'save it', 'save project'], registryIds: [] },
  { id: 'to-start', phrases: ['go to start', 'back to start', 'rewind', 'from top'], registryIds: ['transport.toStart'] },
  { id: 'loop', phrases: ['loop', 'toggle loop'], registryIds: ['transport.loop'] },
  { id: 'metronome', phrases: ['metronome', 'click track', 'toggle metronome'], registryIds: ['transport.metronome'] },
  { id: 'next-result', phrases: ['next result', 'next variation', 'next suggestion'], registryIds: ['generate.nextCard', 'drafter.nextCard'] },
  { id: 'previous-result', phrases: ['previous result', 'previous variation', 'previous suggestion'], registryIds: ['generate.previousCard', 'drafter.previousCard'] },
  { id: 'keep', phrases: ['keep', 'keep it', 'keep this', 'accept'], registryIds: ['generate.keepCard', 'drafter.acceptCard'] },
  { id: 'discard', phrases: ['discard', 'discard it', 'reject', 'throw away'], registryIds: ['generate.discardCard', 'drafter.rejectCard'] },
  { id: 'zoom-in', phrases: ['zoom in'], registryIds: ['roll.zoomIn'] },
  { id: 'zoom-out', phrases: ['zoom out'], registryIds: ['roll.zoomOut'] },
  { id: 'quantize', phrases: ['quantize', 'quantise'], registryIds: ['notes.quantize'] },
  { id: 'show-jobs', phrases: ['show jobs', 'jobs'], registryIds: ['jobs.togglePanel'] },
  { id: 'show-shortcuts', phrases: ['show shortcuts', 'keyboard shortcuts', 'help'], registryIds: ['help.shortcuts'] },
  { id: 'command-palette', phrases: ['command palette', 'commands'], registryIds: ['palette.open'] },
  { id: 'new-project', phrases: ['new project', 'create project'], registryIds: ['projects.new'] },
];

/** Words around a command that do not change it ("please play the song" is not a phrase; "please play" is). */
const fillers = new Set(['please', 'now', 'okay', 'ok', 'hey', 'montage', 'the', 'a', 'thanks', 'thank', 'you']);

const byPhrase = new Map<string, VoiceCommand>();
for (const command of voiceCommands) for (const phrase of command.phrases) byPhrase.set(normaliseWords(phrase).filter((w) => !fillers.has(w)).join(' '), command);

export interface VoiceCommandMatch {
  command: VoiceCommand;
  /** The words that named it, fillers removed. */
  heard: string;
}

/** The command `text` asks for, or null when it is not exactly one of the phrases (fillers aside). */
export function matchVoiceCommand(text: string): VoiceCommandMatch | null {
  const heard = normaliseWords(text)
    .filter((w) => !fillers.has(w))
    .join(' ');
  if (heard === '') return null;
  const command = byPhrase.get(heard);
  return command ? { command, heard } : null;
}

/** Every word the grammar can hear (fillers included): the vocabulary a keyword-spotting engine listens for. */
export function voiceCommandVocabulary(): string[] {
  const words = new Set<string>(fillers);
  for (const command of voiceCommands) for (const phrase of command.phrases) for (const w of normaliseWords(phrase)) words.add(w);
  return [...words].sort();
}
