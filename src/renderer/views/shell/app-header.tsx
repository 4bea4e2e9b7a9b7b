// The app bar: the Montage name and mark (so the window says what it is, in a browser tab too),
// the screens outside projects (Models, History, Insights, Settings), the voice command button,
// and the way into help — the shortcuts overlay and About — for people who don't know the keys.
import { commandById } from '../../commands/registry';
import { useStudioClient } from '../../client/client-context';
import { shortcutKeys } from '../../lib/keyboard';
import { isMac } from '../../lib/platform';
import { MicrophoneIcon } from '../../components/icons';
import { useDictationStore } from '../../stores/dictation-store';
import appIcon from '../../../../assets/icon.svg';

export function AppHeader() {
  const client = useStudioClient();
  const shortcuts = commandById('help.shortcuts');
  const about = commandById('help.about');
  const voice = commandById('voice.command');
  const listeningForCommand = useDictationStore((s) => s.phase !== 'idle' && s.mode === 'command');
  const keyHint = shortcuts.shortcuts.map((s) => shortcutKeys(s, isMac()).join('+')).join(' or ');
  const run = (command: typeof shortcuts) => void command.run({ client, inField: false, dialogOpen: false });

  return (
    <header className="app-header">
      <a className="app-brand" href="#/" title="Projects">
        <img src={appIcon} alt="" width={20} height={20} />
        <span className="app-name" data-testid="app-name">
          Montage
        </span>
      </a>
      <span className="status-spacer" />
      <a className="btn btn-small btn-ghost" href="#/models" data-testid="open-models" title="Music models: compare, rename, delete">
        Models
      </a>
      <a className="btn btn-small btn-ghost" href="#/history" data-testid="open-history" title="What you did in Montage, kept on this computer: filter, delete, pause">
        History
      </a>
      <a className="btn btn-small btn-ghost" href="#/insights" data-testid="open-insights" title="Charts of what you make and use, computed on this computer">
        Insights
      </a>
      <a className="btn btn-small btn-ghost" href="#/settings" data-testid="open-settings" title="Recording your activity, speech engines">
        Settings
      </a>
      <button
        type="button"
        className={`btn btn-small btn-ghost${listeningForCommand ? ' is-on' : ''}`}
        data-testid="voice-command"
        aria-pressed={listeningForCommand}
        title={`${voice.label} (${voice.shortcuts.map((s) => shortcutKeys(s, isMac()).join('+')).join(' or ')})`}
        onClick={() => run(voice)}
      >
        <MicrophoneIcon /> Voice
      </button>
      <button type="button" className="btn btn-small btn-ghost" data-testid="open-shortcuts" title={`${shortcuts.label} (${keyHint})`} onClick={() => run(shortcuts)}>
        Shortcuts <kbd>?</kbd>
      </button>
      <button type="button" className="btn btn-small btn-ghost" data-testid="open-about" onClick={() => run(about)}>
        About
      </button>
    </header>
  );
}
