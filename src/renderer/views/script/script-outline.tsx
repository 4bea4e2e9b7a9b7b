// The outline beside the editor: the script's sections and scenes in order (from the debounced
// scene index); a click puts the editor's cursor on it. The scene the cursor is in is marked.
import { memo } from 'react';
import { useScriptViewStore, jumpTo, openScene } from './script-view-store';

/** Memoised: the screen re-renders as the host acknowledges each keystroke; the outline follows only the index. */
export const ScriptOutline = memo(function ScriptOutline() {
  const outline = useScriptViewStore((s) => s.index?.outline ?? []);
  const current = useScriptViewStore((s) => s.currentScene);
  return (
    <nav className="script-outline" aria-label="Outline" data-testid="script-outline">
      <h2 className="section-label">Outline</h2>
      {outline.length === 0 && <p className="text-dim script-outline-empty">Scenes appear here as you write headings (INT. or EXT.).</p>}
      <ol className="outline-list">
        {/* Keyed by position: typing moves every later item's offset, and must not rebuild the list. */}
        {outline.map((item, i) => (
          <li key={i} className={`outline-item outline-${item.type}`} style={item.type === 'section' ? { paddingLeft: `${(item.depth - 1) * 10}px` } : undefined}>
            <button
              type="button"
              className={`outline-link${item.type === 'scene' && item.scene === current + 1 ? ' is-current' : ''}`}
              data-testid={item.type === 'scene' ? 'outline-scene' : 'outline-section'}
              aria-current={item.type === 'scene' && item.scene === current + 1 ? 'location' : undefined}
              title={item.text}
              onClick={() => (item.type === 'scene' ? openScene({ from: item.from, heading: item.text }) : jumpTo(item.from))}
            >
              {item.type === 'scene' && <span className="outline-number">{item.scene}</span>}
              <span className="outline-text">{item.text || '(untitled)'}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
});
