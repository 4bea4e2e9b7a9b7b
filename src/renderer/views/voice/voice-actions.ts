// Voice commands (the Voice button in the app bar, Ctrl/Cmd+Shift+V): listen for one utterance,
// then run the registry command it names that applies on this screen, as its keys would
// (voice-command-logic.ts), and say what was heard and what ran, or that nothing matched.
import type { StudioClient } from '../../client/studio-client';
import { isCommandEnabled } from '../../commands/commands-logic';
import type { Command } from '../../commands/registry';
import { examplePhrases, voiceOutcome } from '../../commands/voice-command-logic';
import { isListening, startListening, stopListening, useDictationStore } from '../../stores/dictation-store';

/** Starts listening for a command, or stops listening (the command then runs). */
export function toggleVoiceCommand(client: StudioClient, all: readonly Command[]): void {
  if (isListening('command')) {
    void stopListening();
    return;
  }
  if (isListening()) return;
  void startListening(client, 'command', (t) => runVoiceCommand(t.text, client, all));
}

/** Runs what `text` asks for; answers the registry id that ran, or null. */
export function runVoiceCommand(text: string, client: StudioClient, all: readonly Command[]): string | null {
  const scope = { inField: false, dialogOpen: typeof document !== 'undefined' && document.querySelector('dialog[open]') !== null };
  const ctx = { ...scope, client };
  const byId = (id: string) => all.find((c) => c.id === id);
  const outcome = voiceOutcome(text, (id) => {
    const command = byId(id);
    return command !== undefined && isCommandEnabled(command, scope, ctx);
  });
  const say = (line: string, ran: boolean) => useDictationStore.setState({ outcome: { heard: outcome.heard, text: line, ran } });
  switch (outcome.kind) {
    case 'run': {
      const command = byId(outcome.id) as Command;
      say(`Ran “${command.label}”.`, true);
      void command.run(ctx);
      return command.id;
    }
    case 'not-here':
      say('That voice command does nothing on this screen.', false);
      return null;
    case 'no-action':
      say('Montage has no action for that voice command yet.', false);
      return null;
    case 'none':
      say(`No voice command matches that. Try ${examplePhrases().slice(0, 5).map((p) => `“${p}”`).join(', ')}…`, false);
      return null;
  }
}
