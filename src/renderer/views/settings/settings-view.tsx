// Settings (#/settings): the user's choices that the host keeps across restarts. History: whether
// Montage records what you do (the same switch as the History screen's Pause). Speech: each
// engine with what was found or what is missing (verbatim from the host, with the install command
// to copy), the engine used for dictation, voice commands and transcripts, and the folder whisper
// model files go in.
import { useEffect } from 'react';
import type { SpeechEngineInfo } from '../../../shared/api/speech';
import { useStudioClient } from '../../client/client-context';
import { CopyText } from '../../components/copy-text';
import { chooseEngine, loadSettings, setRecording, useSettingsStore } from './settings-store';
import './settings.css';

const engineNames: Record<string, string> = { pocketsphinx: 'pocketsphinx (CMU Sphinx)', whisper: 'whisper (whisper.cpp)' };

function EngineRow({ info, chosen, busy, onChoose }: { info: SpeechEngineInfo; chosen: boolean; busy: boolean; onChoose: () => void }) {
  return (
    <li className={`settings-engine${chosen ? ' is-chosen' : ''}`} data-testid="speech-engine" data-engine={info.engine} data-available={info.available}>
      <label className="settings-engine-choice">
        <input type="radio" name="speech-engine" checked={chosen} disabled={busy} onChange={onChoose} data-testid={`speech-engine-${info.engine}`} />
        <span className="settings-engine-name">{engineNames[info.engine] ?? info.engine}</span>
      </label>
      <span className={`badge ${info.available ? 'badge-succeeded' : 'badge-interrupted'}`} data-testid="speech-engine-state">
        {info.available ? '✓ Available' : 'Not available'}
      </span>
      <p className="settings-engine-detail" data-testid="speech-engine-detail">
        {info.detail}
      </p>
      {info.installHint && (
        <div className="settings-engine-install">
          <span className="text-dim">To install:</span>
          <CopyText text={info.installHint} testId="speech-engine-install" />
        </div>
      )}
    </li>
  );
}

export function SettingsView() {
  const client = useStudioClient();
  const { speech, history, loading, busy, error } = useSettingsStore();
  useEffect(() => void loadSettings(client), [client]);

  const recording = history ? !history.paused : true;
  const chosenMissing = speech?.engines.find((e) => e.engine === speech.engine)?.available === false;
  return (
    <div className="settings-screen" data-testid="settings-view">
      <h1 className="screen-title">Settings</h1>
      {error && (
        <p className="field-error" role="alert" data-testid="settings-error">
          {error}
        </p>
      )}
      <section className="settings-section" aria-labelledby="settings-history">
        <h2 id="settings-history" className="section-label">
          History
        </h2>
        <label className="settings-toggle">
          <input type="checkbox" checked={recording} disabled={!history || busy === 'recording'} onChange={(e) => void setRecording(client, e.currentTarget.checked)} data-testid="settings-record-activity" />
          <span>
            <strong>Record my activity</strong>
            <span className="text-dim settings-note">
              What you open, play, generate and keep is noted on this computer, for For you and Insights. Nothing leaves the machine; the{' '}
              <a href="#/history">History</a> screen shows it all.
            </span>
          </span>
        </label>
      </section>
      <section className="settings-section" aria-labelledby="settings-speech">
        <h2 id="settings-speech" className="section-label">
          Speech
        </h2>
        <p className="text-dim settings-note">
          Dictation in the script editor (Ctrl/Cmd+Shift+D), voice commands (Ctrl/Cmd+Shift+V) and transcripts of audio files use the engine chosen here. Everything runs on this computer.
        </p>
        {!speech && loading && <p className="empty-note">Looking for speech engines…</p>}
        {speech && (
          <>
            <ul className="settings-engines" data-testid="speech-engines">
              {speech.engines.map((info) => (
                <EngineRow key={info.engine} info={info} chosen={speech.engine === info.engine} busy={busy === 'engine'} onChoose={() => void chooseEngine(client, info.engine)} />
              ))}
            </ul>
            {chosenMissing && (
              <p className="field-error" data-testid="speech-engine-missing">
                The chosen engine cannot run yet: dictation and transcripts will say so until it is installed, or choose another.
              </p>
            )}
            <div className="settings-models">
              <span className="text-dim">Whisper model files (ggml-*.bin) go in</span>
              <CopyText text={speech.modelsDir} testId="speech-models-dir" />
            </div>
            <button type="button" className="btn btn-small" onClick={() => void loadSettings(client)} disabled={loading} data-testid="speech-recheck">
              Check again
            </button>
          </>
        )}
      </section>
    </div>
  );
}
