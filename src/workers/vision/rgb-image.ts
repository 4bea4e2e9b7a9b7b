// The pixel buffer every image stage passes along: 8-bit RGB, row-major, 3 bytes per pixel, no
// alpha (transparent PNG pixels are composited over white when decoded).
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function rgbImage(width: number, height: number): RgbImage {
  return { width, height, data: new Uint8Array(width * height * 3) };
}
