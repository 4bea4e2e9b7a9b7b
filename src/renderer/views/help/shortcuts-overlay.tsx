// The keyboard shortcuts overlay (? or Ctrl/Cmd+/), built from the command registry so it lists
// exactly the keys the keyboard layer acts on, plus the keys text fields handle themselves.
import { Fragment, useMemo } from 'react';
import { shortcutSections } from '../../commands/commands-logic';
import { commands, fieldKeys, screenplayFieldKeys } from '../../commands/registry';
import { ModalDialog } from '../../components/modal-dialog';
import { shortcutKeys } from '../../lib/keyboard';
import { isMac } from '../../lib/platform';
import { setOverlay } from '../../stores/ui-store';
import './help.css';

function Keys({ combo }: { combo: string[] }) {
  return (
    <span className="key-combo">
      {combo.map((k, i) => (
        <Fragment key={`${k}-${i}`}>
          {i > 0 && <span className="key-plus">+</span>}
          <kbd>{k}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

function Combos({ combos }: { combos: string[][] }) {
  return (
    <span className="key-combos">
      {combos.map((combo, i) => (
        <Fragment key={combo.join('+')}>
          {i > 0 && <span className="key-or">or</span>}
          <Keys combo={combo} />
        </Fragment>
      ))}
    </span>
  );
}

export function ShortcutsOverlay() {
  const mac = isMac();
  const sections = useMemo(() => shortcutSections(commands, mac), [mac]);

  return (
    <ModalDialog title="Keyboard shortcuts" testId="shortcuts-overlay" className="shortcuts-dialog" onClose={() => setOverlay(null)}>
      <div className="shortcut-sections">
        {sections.map((section) => (
          <section key={section.group} className="shortcut-section">
            <h3 className="section-label">{section.group}</h3>
            <dl className="shortcut-list">
              {section.rows.map((row) => (
                <div key={row.id} className="shortcut-row" data-testid="shortcut-row" data-command={row.id}>
                  <dt>{row.label}</dt>
                  <dd>
                    <Combos combos={row.combos} />
                  </dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
        <section className="shortcut-section">
          <h3 className="section-label">In a name field</h3>
          <dl className="shortcut-list">
            {fieldKeys.map((row) => (
              <div key={row.label} className="shortcut-row">
                <dt>{row.label}</dt>
                <dd>
                  <Combos combos={[shortcutKeys(row.shortcut, mac)]} />
                </dd>
              </div>
            ))}
            <div className="shortcut-row">
              <dt>Rename a project in the list</dt>
              <dd className="text-dim">Double-click its name</dd>
            </div>
          </dl>
        </section>
        <section className="shortcut-section" data-testid="screenplay-keys">
          <h3 className="section-label">In the screenplay editor</h3>
          <dl className="shortcut-list">
            {screenplayFieldKeys.map((row) => (
              <div key={row.label} className="shortcut-row">
                <dt>{row.label}</dt>
                <dd>
                  <Combos combos={[shortcutKeys(row.shortcut, mac)]} />
                </dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
      <p className="dialog-footnote">
        {mac ? '⌘ and Ctrl both work.' : 'On a Mac, use ⌘ where this says Ctrl.'} Press <kbd>?</kbd> anywhere outside a text field to open this list.
      </p>
    </ModalDialog>
  );
}
