import { describe, expect, it } from 'vitest';
import { useDictationStore } from '../stores/dictation-store';
import { useUiStore } from '../stores/ui-store';
import { runVoiceCommand } from '../views/voice/voice-actions';
import { commands } from './registry';
import { examplePhrases, voiceOutcome } from './voice-command-logic';

describe('voice commands in the app', () => {
  it('runs the first of the phrase’s commands that applies here', () => {
    const on = (...ids: string[]) => (id: string) => ids.includes(id);
    expect(voiceOutcome('undo', on('script.undo', 'edit.undo'))).toEqual({ kind: 'run', id: 'script.undo', heard: 'undo' });
    expect(voiceOutcome('please play', on('audio.playPause'))).toEqual({ kind: 'run', id: 'audio.playPause', heard: 'play' });
    expect(voiceOutcome('next scene', on())).toEqual({ kind: 'not-here', heard: 'next scene' });
    expect(voiceOutcome('save', on('script.undo'))).toEqual({ kind: 'no-action', heard: 'save' });
    expect(voiceOutcome(' go forward ten meters ', on('transport.playStop'))).toEqual({ kind: 'none', heard: 'go forward ten meters' });
    expect(examplePhrases().slice(0, 4)).toEqual(['play', 'stop', 'generate', 'undo']);
    expect(examplePhrases()).not.toContain('record');
  });

  it('runs the registry command as its keys would, and says what ran or why nothing did', () => {
    const open = useUiStore.getState().jobsPanelOpen;
    expect(runVoiceCommand('okay montage show jobs please', null as never, commands)).toBe('jobs.togglePanel');
    expect(useUiStore.getState().jobsPanelOpen).toBe(!open);
    expect(useDictationStore.getState().outcome).toEqual({ heard: 'show jobs', text: 'Ran “Show or hide the Jobs panel”.', ran: true });
    // On Home there is no script: "next scene" does nothing here.
    useUiStore.setState({ route: { name: 'home' } });
    expect(runVoiceCommand('next scene', null as never, commands)).toBeNull();
    expect(useDictationStore.getState().outcome?.text).toBe('That voice command does nothing on this screen.');
    expect(runVoiceCommand('go forward ten meters', null as never, commands)).toBeNull();
    expect(useDictationStore.getState().outcome?.text).toMatch(/^No voice command matches that\. Try “play”, “stop”/);
    useUiStore.setState({ jobsPanelOpen: open });
  });

  it('has a registry command for every command id the grammar names', () => {
    const ids = new Set(commands.map((c) => c.id));
    for (const id of ['script.undo', 'jobs.togglePanel', 'help.shortcuts', 'palette.open']) expect(ids.has(id)).toBe(true);
  });
});
