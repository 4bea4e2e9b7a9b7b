// The song editor's "Render to WAV" button and its line: Rendering…, Saving… NN % with Cancel,
// then "Rendered to <name>" with a link that opens the project's audio section on its waveform and
// "Download WAV", or the reason it failed. The button runs the registry's song.renderWav action.
import { cancelRender, renderToWav, showRenderedAsset, useRenderStore } from '../../audio/render-actions';
import { useStudioClient } from '../../client/client-context';
import { useAssetsStore } from '../../stores/assets-store';

export function RenderControl() {
  const client = useStudioClient();
  const { status, name, uploadKey, downloadUrl, error } = useRenderStore();
  const upload = useAssetsStore((s) => s.uploads.find((u) => u.key === uploadKey));
  const busy = status === 'rendering' || status === 'saving';
  const percent = upload && upload.total > 0 ? Math.floor((upload.sent / upload.total) * 100) : 0;
  return (
    <>
      <div className="toolbar-group">
        <button type="button" className="btn btn-small" data-testid="render-wav" disabled={busy} aria-busy={busy} title="Render the song (or the loop region) to a WAV in the project’s audio (Ctrl/Cmd+Shift+E)" onClick={() => void renderToWav(client)}>
          Render to WAV…
        </button>
      </div>
      {status !== 'idle' && (
        <p className={`render-status${status === 'error' ? ' transport-error' : ''}`} role={status === 'error' ? 'alert' : 'status'} data-testid="render-status" data-status={status}>
          {status === 'rendering' && 'Rendering…'}
          {status === 'saving' && `Saving… ${percent}%`}
          {status === 'done' && (
            <>
              Rendered to{' '}
              <button type="button" className="link-button" data-testid="render-open" title="Open it in the project’s audio" onClick={showRenderedAsset}>
                {name}
              </button>
            </>
          )}
          {status === 'error' && error}
          {busy && (
            <button type="button" className="btn btn-small btn-ghost" data-testid="render-cancel" onClick={cancelRender}>
              Cancel
            </button>
          )}
          {(status === 'saving' || status === 'done') && downloadUrl && (
            <a className="btn btn-small btn-ghost" href={downloadUrl} download={name} data-testid="render-download">
              Download WAV
            </a>
          )}
        </p>
      )}
    </>
  );
}
