// The waveform of one audio asset, drawn by wavesurfer.js 8: the waveform with a timeline, zoom (the
// slider, or Ctrl+wheel over the waveform), click to seek, play/pause, and a region (drag across the
// waveform) that can be played alone. wavesurfer fetches the file from assetUrl(), decodes it with
// Web Audio for the peaks and plays it through a media element; a file the browser cannot decode
// is said in the view. The instance is destroyed when the view unmounts or shows another asset.
// Under it, the transcript (transcript-panel.tsx): its words are regions of a second regions
// plugin (fixed, not draggable, so the marked region's plugin never sees them), and clicking a
// word, on the waveform or in the list, plays just that word.
import { useStudioClient } from '../../client/client-context';
import { recordEvent } from '../../lib/record-event';
import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import type { Asset } from '../../../shared/api/assets';
import type { TranscriptWord } from '../../../shared/speech/transcript';
import { assetUrl } from './asset-url';
import { TranscriptPanel } from './transcript-panel';
import { useTranscriptStore } from './transcript-store';
import { registerWaveform } from './waveform-control';

const minZoom = 10;
const maxZoom = 1000;

export function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${(s - m * 60).toFixed(2).padStart(5, '0')}`;
}

export function WaveformView({ asset }: { asset: Asset }) {
  const client = useStudioClient();
  const host = useRef<HTMLDivElement>(null);
  const ws = useRef<WaveSurfer | null>(null);
  const region = useRef<Region | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'error'>('loading');
  const [error, setError] = useState('');
  const [duration, setDuration] = useState(0);
  const [time, setTime] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [zoom, setZoom] = useState(minZoom);
  /** Pixels per second at which the whole file fits the box: the slider's low end. */
  const [fit, setFit] = useState(minZoom);
  const fitRef = useRef(minZoom);
  const [span, setSpan] = useState<{ start: number; end: number } | null>(null);
  const wordRegions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const [playingWord, setPlayingWord] = useState<number | null>(null);
  const transcript = useTranscriptStore((s) => s.transcripts[asset.id]);

  useEffect(() => {
    if (!host.current) return;
    setState('loading');
    setSpan(null);
    setTime(0);
    setPlaying(false);
    const regions = RegionsPlugin.create();
    const words = RegionsPlugin.create();
    wordRegions.current = words;
    const w = WaveSurfer.create({
      container: host.current,
      url: assetUrl(asset.projectId, asset.hash),
      height: 128,
      waveColor: '#7c8aa5',
      progressColor: '#5b9cff',
      cursorColor: '#e6e9ef',
      minPxPerSec: minZoom,
      dragToSeek: false,
      // The timeline inside wavesurfer's own scroller, so it scrolls with the zoomed waveform.
      plugins: [TimelinePlugin.create(), words, regions],
    });
    ws.current = w;
    regions.enableDragSelection({ color: 'rgba(91, 156, 255, 0.25)' });
    const stops = [
      w.on('ready', (d) => {
        setDuration(d);
        const fitted = Math.min(maxZoom, Math.max(1, Math.floor((host.current?.clientWidth ?? 0) / Math.max(d, 0.001))));
        fitRef.current = fitted;
        setFit(fitted);
        setZoom(fitted);
        setState('ready');
      }),
      w.on('error', (err) => {
        // The browser's own words are technical (a demuxer status): kept for the tooltip.
        setError(err instanceof Error ? err.message : String(err));
        setState('error');
      }),
      w.on('timeupdate', (t) => setTime(t)),
      w.on('play', () => {
        setPlaying(true);
        // History: the clip was played (the log drops a repeat within seconds).
        recordEvent(client, { type: 'clip.played', item: `asset:${asset.id}`, projectId: asset.projectId });
      }),
      w.on('pause', () => {
        setPlaying(false);
        setPlayingWord(null);
      }),
      words.on('region-clicked', (r, e) => {
        e.stopPropagation();
        setPlayingWord(Number(r.id.replace('word-', '')));
        r.play(true);
      }),
      // One region at a time: a new drag replaces the old one.
      regions.on('region-created', (r) => {
        for (const other of regions.getRegions()) if (other !== r) other.remove();
        region.current = r;
        setSpan({ start: r.start, end: r.end });
      }),
      regions.on('region-updated', (r) => setSpan({ start: r.start, end: r.end })),
    ];
    const el = host.current;
    // Ctrl+wheel zooms the waveform instead of the page (passive: false to keep the page still).
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey) return;
      e.preventDefault();
      setZoom((z) => Math.min(maxZoom, Math.max(fitRef.current, Math.round(z * (e.deltaY < 0 ? 1.25 : 0.8)))));
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => {
      el.removeEventListener('wheel', wheel);
      stops.forEach((stop) => stop());
      region.current = null;
      ws.current = null;
      wordRegions.current = null;
      w.destroy();
    };
  }, [asset.projectId, asset.hash, asset.id, client]);

  useEffect(() => {
    if (state === 'ready') ws.current?.zoom(zoom);
  }, [zoom, state]);

  // The transcript's words on the waveform, once both are here.
  useEffect(() => {
    const words = wordRegions.current;
    if (state !== 'ready' || !words) return;
    words.clearRegions();
    (transcript?.words ?? []).forEach((word, i) => {
      const label = document.createElement('span');
      label.textContent = word.word;
      label.style.cssText = 'display:block;padding:2px 3px;font:11px system-ui,sans-serif;color:#e4e7ec;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;pointer-events:none';
      words.addRegion({ id: `word-${i}`, start: word.start, end: word.end, color: i % 2 ? 'rgba(63, 207, 142, 0.16)' : 'rgba(63, 207, 142, 0.26)', content: label, drag: false, resize: false });
    });
  }, [transcript, state]);

  const playWord = (word: TranscriptWord, index: number) => {
    const w = ws.current;
    if (!w || state !== 'ready') return;
    setPlayingWord(index);
    void w.play(word.start, word.end);
  };

  // Space and Shift+Space reach the player through the command registry while it is ready.
  useEffect(() => {
    if (state !== 'ready') return;
    return registerWaveform({
      playPause: () => void ws.current?.playPause(),
      playRegion: () => {
        if (!region.current) return false;
        region.current.play(true);
        return true;
      },
    });
  }, [state]);

  return (
    <section className="waveform" aria-label={`Waveform of ${asset.name}`} data-testid="waveform-view">
      <header className="waveform-bar">
        <h3 className="waveform-title">{asset.name}</h3>
        <button
          type="button"
          className="btn btn-small btn-primary"
          data-testid="waveform-play"
          disabled={state !== 'ready'}
          title="Play or pause (Space)"
          onClick={() => void ws.current?.playPause()}
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="btn btn-small"
          data-testid="waveform-play-region"
          disabled={state !== 'ready' || !span}
          title={span ? 'Play the region (Shift+Space)' : 'Drag across the waveform to mark a region'}
          onClick={() => region.current?.play(true)}
        >
          Play region
        </button>
        <span className="waveform-time" data-testid="waveform-time" aria-live="off">
          {formatSeconds(time)} / <span data-testid="waveform-duration">{state === 'ready' ? formatSeconds(duration) : '–'}</span>
        </span>
        <label className="waveform-zoom">
          Zoom
          <input
            type="range"
            min={fit}
            max={maxZoom}
            value={zoom}
            data-testid="waveform-zoom"
            disabled={state !== 'ready'}
            onChange={(e) => setZoom(Number(e.target.value))}
          />
        </label>
      </header>
      {span && (
        <p className="waveform-region text-dim" data-testid="waveform-region">
          Region {formatSeconds(span.start)} – {formatSeconds(span.end)}
        </p>
      )}
      <div ref={host} className="waveform-canvas" data-testid="waveform-canvas" hidden={state === 'error'} />
      {state === 'loading' && <p className="empty-note">Reading the audio…</p>}
      {state === 'error' && (
        <p className="field-error" role="alert" data-testid="waveform-error" title={error}>
          This file cannot be played here: the browser could not decode it. It may be damaged, or use an encoding this browser does not support;
          try converting it to 16-bit PCM WAV.
        </p>
      )}
      {state !== 'error' && <p className="text-dim waveform-hint">Click to move the playhead · drag to mark a region · Ctrl+wheel to zoom</p>}
      <TranscriptPanel asset={asset} onPlayWord={playWord} playingWord={playingWord} />
    </section>
  );
}
