// The scene board: a card per scene (number, heading, synopsis, characters, a colour stripe from a
// [[color …]] note). Drag a card onto another to move the scene there (before or after it, by which
// half the pointer is over), or focus it and press Alt+↑/↓ (board.moveUp/Down in the registry);
// either is one edit of the script, one undo step ("Move scene"). A click opens the scene in the
// editor. The board can be filtered by character or location.
import { useState } from 'react';
import { cardColor, filterScenes, type SceneCard } from './board-logic';
import { moveScene } from './script-actions';
import { currentIndex, openScene, useScriptViewStore } from './script-view-store';

/**
 * Where the moved card is until the focus follows it there (the next frame): a second Alt+↑/↓
 * pressed before then moves the same card again, not the one now drawn where it was.
 */
let movedTo: number | null = null;

/** Moves the focused card's scene by one place and keeps the focus on it. */
export function moveFocusedCard(direction: 1 | -1): void {
  const position = movedTo ?? focusedCardIndex();
  if (position === null) return;
  const target = direction < 0 ? position - 1 : position + 2;
  if (moveScene(position, target)) {
    currentIndex();
    const now = direction < 0 ? position - 1 : position + 1;
    movedTo = now;
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-testid="scene-card"][data-index="${now}"]`)?.focus();
      if (movedTo === now) movedTo = null;
    });
  }
}

export function focusedCardIndex(): number | null {
  const el = document.activeElement;
  if (!(el instanceof HTMLElement) || el.dataset.testid !== 'scene-card') return null;
  const index = Number(el.dataset.index);
  return Number.isInteger(index) ? index : null;
}

function Card({ scene, position, dragging, drop, onDragStart, onDragEnd, onDragOver, onDrop }: {
  scene: SceneCard;
  position: number;
  dragging: boolean;
  drop: 'before' | 'after' | null;
  onDragStart: () => void;
  onDragEnd: () => void;
  onDragOver: (side: 'before' | 'after') => void;
  onDrop: () => void;
}) {
  const color = cardColor(scene.color);
  return (
    <li
      className={`scene-card${dragging ? ' is-dragging' : ''}${drop ? ` drop-${drop}` : ''}`}
      data-testid="scene-card"
      data-index={position}
      tabIndex={0}
      draggable
      aria-label={`Scene ${scene.number ?? scene.index}: ${scene.heading}. Alt+Up or Alt+Down moves it.`}
      onClick={() => openScene(scene)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && !e.altKey && !e.ctrlKey && !e.metaKey) {
          e.preventDefault();
          openScene(scene);
        }
      }}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('application/x-montage-scene', String(position));
        onDragStart();
      }}
      onDragEnd={onDragEnd}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('application/x-montage-scene')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        const box = e.currentTarget.getBoundingClientRect();
        onDragOver(e.clientX < box.left + box.width / 2 ? 'before' : 'after');
      }}
      onDrop={(e) => {
        if (!e.dataTransfer.types.includes('application/x-montage-scene')) return;
        e.preventDefault();
        onDrop();
      }}
    >
      <span className="scene-card-stripe" style={color ? { background: color } : undefined} />
      <div className="scene-card-head">
        <span className="scene-card-number">{scene.number ?? scene.index}</span>
        <span className="scene-card-heading" data-testid="scene-card-heading">
          {scene.heading}
        </span>
      </div>
      <p className={`scene-card-synopsis${scene.synopsis ? '' : ' text-faint'}`}>{scene.synopsis || 'No synopsis (a line starting with = under the heading).'}</p>
      {scene.characters.length > 0 && (
        <ul className="scene-card-characters">
          {scene.characters.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function SceneBoard() {
  const index = useScriptViewStore((s) => s.index);
  const filter = useScriptViewStore((s) => s.filter);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [dropAt, setDropAt] = useState<{ position: number; side: 'before' | 'after' } | null>(null);
  if (!index) return null;
  const scenes = filterScenes(index.scenes, filter);
  const filtered = filter.character !== '' || filter.location !== '';
  const setFilter = (patch: Partial<typeof filter>) => useScriptViewStore.setState({ filter: { ...filter, ...patch } });

  return (
    <section className="scene-board" data-testid="scene-board" aria-label="Scene board">
      <div className="board-bar">
        <span className="text-dim">
          {index.scenes.length} scene{index.scenes.length === 1 ? '' : 's'}
          {filtered && ` · ${scenes.length} shown`}
        </span>
        <label className="toolbar-field">
          Character
          <select className="input input-small" data-testid="board-filter-character" value={filter.character} onChange={(e) => setFilter({ character: e.target.value })}>
            <option value="">All</option>
            {index.characters.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar-field">
          Location
          <select className="input input-small" data-testid="board-filter-location" value={filter.location} onChange={(e) => setFilter({ location: e.target.value })}>
            <option value="">All</option>
            {index.locations.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <span className="text-dim board-hint">Drag a card to move its scene · Alt+↑/↓ on a focused card · click to open it</span>
      </div>
      {index.scenes.length === 0 ? (
        <div className="empty-state">
          <p className="empty-state-title">No scenes yet</p>
          <p>Write a scene heading such as INT. KITCHEN - NIGHT in the editor; each becomes a card here.</p>
        </div>
      ) : (
        <ol className="scene-cards" onDragLeave={(e) => e.currentTarget === e.target && setDropAt(null)}>
          {scenes.map((scene) => {
            const position = scene.index - 1;
            return (
              <Card
                key={position}
                scene={scene}
                position={position}
                dragging={dragFrom === position}
                drop={dropAt?.position === position && dragFrom !== position ? dropAt.side : null}
                onDragStart={() => setDragFrom(position)}
                onDragEnd={() => {
                  setDragFrom(null);
                  setDropAt(null);
                }}
                onDragOver={(side) => setDropAt({ position, side })}
                onDrop={() => {
                  if (dragFrom !== null && dropAt) {
                    moveScene(dragFrom, dropAt.side === 'before' ? position : position + 1);
                    currentIndex();
                  }
                  setDragFrom(null);
                  setDropAt(null);
                }}
              />
            );
          })}
        </ol>
      )}
    </section>
  );
}
