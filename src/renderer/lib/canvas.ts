// Canvas helpers shared by the song editor's canvases (piano roll, arrangement).

/** Sizes a canvas's backing store to the view in device pixels and draws in CSS pixels. */
export function fitToDevicePixels(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, view: { width: number; height: number }): void {
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(view.width * dpr);
  const h = Math.round(view.height * dpr);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
}
