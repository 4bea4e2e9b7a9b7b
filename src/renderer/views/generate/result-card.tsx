// One result of the Generate panel as a card to audition: a mini piano roll (canvas, with a moving
// playhead while it plays), its figures, Play/Stop, Keep and Discard. The card can be dragged onto
// a lane of the arrangement, which keeps it there at the bar under the pointer.
import { useEffect, useRef } from 'react';
import type { StudioClient } from '../../client/studio-client';
import { fitToDevicePixels } from '../../lib/canvas';
import { auditionPosition, discardCard, endDrag, focusCard, keepCard, startDrag, togglePlay } from './generate-actions';
import { cardFigures, thumbPlayheadX, thumbRects } from './generate-logic';
import type { GenCard } from './generate-store';

const thumbW = 280;
const thumbH = 54;

function drawThumb(canvas: HTMLCanvasElement, card: GenCard, playX: number | null): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const view = { width: canvas.clientWidth || thumbW, height: canvas.clientHeight || thumbH };
  fitToDevicePixels(canvas, ctx, view);
  ctx.clearRect(0, 0, view.width, view.height);
  ctx.fillStyle = '#171a1f';
  ctx.fillRect(0, 0, view.width, view.height);
  // Bar and beat lines.
  const beats = card.bars * 4;
  for (let b = 1; b < beats; b++) {
    const x = Math.round(3 + (b / beats) * (view.width - 6)) + 0.5;
    ctx.strokeStyle = b % 4 === 0 ? '#3a404b' : '#252a32';
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, view.height);
    ctx.stroke();
  }
  ctx.fillStyle = card.kind === 'drums' ? '#f2b441' : '#4fb3ff';
  for (const r of thumbRects(card.notes, card.bars, view.width, view.height)) ctx.fillRect(r.x, r.y, r.w, Math.max(1.5, r.h - 0.5));
  if (playX !== null) {
    ctx.fillStyle = '#e4e7ec';
    ctx.fillRect(Math.round(playX), 0, 2, view.height);
  }
}

export function ResultCard({ card, client, focused, playing, audible }: { card: GenCard; client: StudioClient; focused: boolean; playing: boolean; audible: boolean }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    if (!playing) {
      drawThumb(canvas, card, null);
      return;
    }
    let id = requestAnimationFrame(function frame() {
      const pos = auditionPosition();
      drawThumb(canvas, card, pos ? thumbPlayheadX(pos.seconds, pos.length, canvas.clientWidth || thumbW) : null);
      id = requestAnimationFrame(frame);
    });
    return () => cancelAnimationFrame(id);
  }, [card, playing]);

  return (
    <li
      className={`gen-card${focused ? ' is-focused' : ''}${playing ? ' is-playing' : ''}`}
      data-testid="gen-card"
      data-card-id={card.id}
      data-playing={playing ? 'true' : 'false'}
      data-audible={playing && audible ? 'true' : 'false'}
      tabIndex={focused ? 0 : -1}
      aria-label={`${card.title}: ${cardFigures(card, card.kind, card.key)}. Space plays, K keeps, D discards; drag it onto a lane.`}
      draggable
      onFocus={() => focusCard(card.id)}
      onDragStart={(e) => {
        e.dataTransfer.setData('application/x-montage-generated', card.id);
        e.dataTransfer.setData('text/plain', card.title);
        e.dataTransfer.effectAllowed = 'copy';
        startDrag(card.id);
      }}
      onDragEnd={() => endDrag()}
    >
      <div className="gen-card-head">
        <span className="gen-card-title">{card.title}</span>
        <span className="gen-card-figures text-dim" data-testid="gen-card-figures">
          {cardFigures(card, card.kind, card.key)}
        </span>
      </div>
      <canvas ref={canvasRef} className="gen-card-thumb" width={thumbW} height={thumbH} aria-hidden="true" data-testid="gen-card-thumb" data-notes={card.notes.length} />
      <div className="gen-card-actions">
        <button type="button" className={`btn btn-small${playing ? ' is-on' : ''}`} data-testid="gen-card-play" tabIndex={-1} onClick={() => togglePlay(card.id)} title="Play or stop (Space)">
          {playing ? (audible ? '■ Stop' : 'Loading…') : '▶ Play'}
        </button>
        <button type="button" className="btn btn-small btn-primary" data-testid="gen-card-keep" tabIndex={-1} onClick={() => void keepCard(client, card.id, 'button')} title="Keep as a new clip (K)">
          Keep
        </button>
        <button type="button" className="btn btn-small btn-ghost" data-testid="gen-card-discard" tabIndex={-1} onClick={() => discardCard(client, card.id, 'button')} title="Discard (D or Delete)">
          Discard
        </button>
      </div>
    </li>
  );
}
