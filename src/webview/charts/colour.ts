// A theme colour as numbers, for the plain-canvas charts that paint pixels (the boundary, the heat maps).
import type { Rgb } from './divergingScale';

/** Any CSS colour as RGB, through a 1 x 1 canvas (the theme gives hex, rgb() or named colours). */
export function rgbOf(color: string): Rgb {
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = '#000';
  ctx.fillStyle = color;
  ctx.fillRect(0, 0, 1, 1);
  const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
  return [r, g, b];
}
