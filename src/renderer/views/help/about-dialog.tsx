// About Montage: version, where the data lives (from system.info), and the licences and credits
// of what ships with it. Offline by design, so nothing here links out.
import { useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog';
import { formatMachine } from '../../lib/format';
import { useSystemStore } from '../../stores/system-store';
import { setOverlay } from '../../stores/ui-store';
import { libraryCredits, modelCredits, montageLicence } from './credits';
import appIcon from '../../../../assets/icon.svg';
import './help.css';

const shellLabel = { electron: 'desktop window', serve: 'serve mode (browser)', cli: 'command line' } as const;

function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <button
      type="button"
      className="btn btn-small btn-ghost"
      onClick={() => {
        navigator.clipboard.writeText(text).then(
          () => setCopied('yes'),
          () => setCopied('failed'),
        );
      }}
    >
      {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed — select it instead' : 'Copy'}
    </button>
  );
}

export function AboutDialog() {
  const info = useSystemStore((s) => s.info);

  return (
    <ModalDialog title="About Montage" testId="about-dialog" onClose={() => setOverlay(null)}>
      <div className="about-intro">
        <img className="about-icon" src={appIcon} alt="" width={48} height={48} />
        <div>
          <p className="about-name">
            Montage <span data-testid="about-version">{info ? info.appVersion : '…'}</span>
          </p>
          <p className="text-dim">An offline AI studio: every model trains and runs on this machine. Nothing leaves it.</p>
        </div>
      </div>

      <dl className="facts about-facts">
        <dt>Running as</dt>
        <dd>{info ? shellLabel[info.shell] : '…'}</dd>
        <dt>Data folder</dt>
        <dd className="about-path">
          {info ? (
            <>
              <code data-testid="about-data-dir">{info.dataDir}</code>
              <CopyButton text={info.dataDir} />
            </>
          ) : (
            <span className="text-dim">Waiting for the host…</span>
          )}
        </dd>
        {info && (
          <>
            <dt>Machine</dt>
            <dd>
              {formatMachine(info)}
            </dd>
          </>
        )}
      </dl>

      <h3 className="section-label">Licence</h3>
      <p>
        Montage is free software under the <strong>{montageLicence}</strong> licence.
      </p>

      <h3 className="section-label">Built with</h3>
      <ul className="credits" data-testid="about-credits">
        {libraryCredits.map((c) => (
          <li key={c.name}>
            <span className="credit-name">{c.name}</span> <span className="credit-licence">{c.licence}</span>
            <span className="text-dim"> — {c.role}</span>
          </li>
        ))}
      </ul>

      <h3 className="section-label">Models and samples</h3>
      {modelCredits.length === 0 ? (
        <p className="text-dim" data-testid="about-models">
          No model weights or samples ship with Montage yet. The benchmark’s small melody model is trained from scratch on generated melodies each
          time it runs.
        </p>
      ) : (
        <ul className="credits" data-testid="about-models">
          {modelCredits.map((c) => (
            <li key={c.name}>
              <span className="credit-name">{c.name}</span> <span className="credit-licence">{c.licence}</span>
              <span className="text-dim"> — {c.role}</span>
            </li>
          ))}
        </ul>
      )}
    </ModalDialog>
  );
}
