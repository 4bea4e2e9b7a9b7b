// What the uPlot charts share. uPlot draws to a canvas and owns its DOM, so React only gives it a
// host element: the plot is built once (again when `deps` change), resized with its container, and
// fed new data in place, which keeps a live run redrawing cheaply at every step.
import { useEffect, useRef, type DependencyList, type RefObject } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** The charts' axis look: muted text of `fontSize` px, faint grid lines, ticks `tickSize` px long. */
export const chartAxis = (fontSize: number, tickSize: number): uPlot.Axis => ({
  stroke: '#8a919e',
  font: `${fontSize}px system-ui, sans-serif`,
  grid: { stroke: 'rgba(255,255,255,0.06)', width: 1 },
  ticks: { stroke: 'rgba(255,255,255,0.12)', width: 1, size: tickSize },
});

/**
 * A uPlot in the element `hostRef` points at: built with `options(width)` (the host's width, at
 * least `minWidth`) and `emptyData`, kept `height` tall and as wide as the host, destroyed on
 * unmount; rebuilt when `deps` change. `plotRef` is the live plot, for `setData`.
 */
export function useUplot(
  options: (width: number) => uPlot.Options,
  emptyData: uPlot.AlignedData,
  minWidth: number,
  height: number,
  deps: DependencyList,
): { hostRef: RefObject<HTMLDivElement | null>; plotRef: RefObject<uPlot | null> } {
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const plot = new uPlot(options(Math.max(minWidth, host.clientWidth)), emptyData, host);
    plotRef.current = plot;
    const observer = new ResizeObserver(() => {
      const width = host.clientWidth;
      if (width > 0 && width !== plot.width) plot.setSize({ width, height });
    });
    observer.observe(host);
    return () => {
      observer.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
    // Rebuilt only when the caller's deps change; data goes in through plotRef.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return { hostRef, plotRef };
}
