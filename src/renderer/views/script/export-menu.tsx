// Export in the script toolbar: a small panel to choose the format (Fountain, PDF, Final Draft),
// and for PDF the paper and whether scenes are numbered; Export downloads the file. The
// script.export command opens it.
import { useEffect, useRef, useState } from 'react';
import type { PaperSize, ScriptExportFormat } from '../../../shared/api/scripts';
import { useStudioClient } from '../../client/client-context';
import { exportScript } from './script-actions';
import { useScriptViewStore } from './script-view-store';

const formats: { id: ScriptExportFormat; label: string }[] = [
  { id: 'pdf', label: 'PDF' },
  { id: 'fountain', label: 'Fountain (.fountain)' },
  { id: 'fdx', label: 'Final Draft (.fdx)' },
];

export function ExportMenu({ docId }: { docId: string }) {
  const client = useStudioClient();
  const open = useScriptViewStore((s) => s.exportOpen);
  const [format, setFormat] = useState<ScriptExportFormat>('pdf');
  const [paper, setPaper] = useState<PaperSize>('letter');
  const [sceneNumbers, setSceneNumbers] = useState(false);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement>(null);
  const setOpen = (exportOpen: boolean) => useScriptViewStore.setState({ exportOpen });

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('select')?.focus();
    const away = (e: PointerEvent) => {
      if (!panel.current?.parentElement?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', away);
    return () => window.removeEventListener('pointerdown', away);
  }, [open]);

  return (
    <div className="export-control">
      <button type="button" className={`btn btn-small${open ? ' is-on' : ''}`} aria-expanded={open} data-testid="script-export" title="Export the script (Ctrl/Cmd+Shift+E)" onClick={() => setOpen(!open)}>
        Export…
      </button>
      {open && (
        <div
          className="export-panel"
          ref={panel}
          role="group"
          aria-label="Export"
          data-testid="export-panel"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              setOpen(false);
            }
          }}
        >
          <label className="export-field">
            Format
            <select className="input input-small" data-testid="export-format" value={format} onChange={(e) => setFormat(e.target.value as ScriptExportFormat)}>
              {formats.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {format === 'pdf' && (
            <>
              <label className="export-field">
                Paper
                <select className="input input-small" data-testid="export-paper" value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)}>
                  <option value="letter">US Letter</option>
                  <option value="a4">A4</option>
                </select>
              </label>
              <label className="export-check">
                <input type="checkbox" data-testid="export-scene-numbers" checked={sceneNumbers} onChange={(e) => setSceneNumbers(e.target.checked)} />
                Number the scenes
              </label>
            </>
          )}
          <button
            type="button"
            className="btn btn-small btn-primary"
            data-testid="export-go"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void exportScript(client, docId, { format, paper, sceneNumbers }).then((name) => {
                setBusy(false);
                if (name) setOpen(false);
              });
            }}
          >
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      )}
    </div>
  );
}
