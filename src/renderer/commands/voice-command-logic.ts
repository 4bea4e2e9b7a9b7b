// What a spoken command does here: the grammar (src/shared/speech/voice-commands.ts) names, for
// each phrase, the registry commands that carry it out in order of preference; the first one that
// applies on the screen the user is on runs, exactly as its keys would run it. Pure over the
// registry's list, so it is unit-tested without a window.
import { matchVoiceCommand, voiceCommands } from '../../shared/speech/voice-commands';

export type VoiceOutcome =
  /** Run this registry command. */
  | { kind: 'run'; id: string; heard: string }
  /** A phrase of the grammar whose commands do not apply on this screen. */
  | { kind: 'not-here'; heard: string }
  /** A phrase Montage recognises but has no action for yet (record, save). */
  | { kind: 'no-action'; heard: string }
  /** Not a voice command. */
  | { kind: 'none'; heard: string };

export function voiceOutcome(text: string, applies: (id: string) => boolean): VoiceOutcome {
  const match = matchVoiceCommand(text);
  if (!match) return { kind: 'none', heard: text.trim() };
  const ids = match.command.registryIds;
  if (ids.length === 0) return { kind: 'no-action', heard: match.heard };
  const id = ids.find(applies);
  return id ? { kind: 'run', id, heard: match.heard } : { kind: 'not-here', heard: match.heard };
}

/** Phrases to suggest when what was heard is not a command: those that do something. */
export const examplePhrases = (): string[] => voiceCommands.filter((c) => c.registryIds.length > 0).map((c) => c.phrases[0] as string);
