// The decision boundary: the model's output over the plane of two features as a heat map (the worker
// computes the grid), with the data points coloured by class on top. Plain canvas: a 60 x 60 grid is
// painted into a small image and scaled up smoothly, so a redraw costs a drawImage and a few hundred arcs.
import type { Boundary } from '../../protocol/workerMessages';
import { rgbOf } from './colour';
import type { ChartTheme } from './theme';

/** Room for the axis labels around the plot, in CSS pixels. */
const MARGIN = { left: 34, right: 8, top: 8, bottom: 26 };
/** The strongest tint of a class's colour, far from the boundary. */
const MAX_TINT = 0.6;

/** Where a value sits between class 0 (0) and class 1 (1); 1/2 is the boundary. */
function classShare(boundary: Boundary): (v: number) => number {
  if (boundary.scale === 'probability') return (v) => v;
  if (boundary.scale === 'score') return (v) => 1 / (1 + Math.exp(-v));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of boundary.values)
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  return (v) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
}

export class BoundaryChart {
  private boundary: Boundary | null = null;
  private points: { x1: Float64Array; x2: Float64Array; label: Float64Array } | null = null;
  private readonly image = document.createElement('canvas');

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private theme: ChartTheme,
  ) {}

  setPoints(x1: Float64Array, x2: Float64Array, label: Float64Array): void {
    this.points = { x1, x2, label };
  }

  setBoundary(boundary: Boundary | null): void {
    this.boundary = boundary;
    if (boundary) this.paintGrid(boundary);
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    if (this.boundary) this.paintGrid(this.boundary);
  }

  /** The grid as an image, one pixel a cell, row 0 (the bottom of the plane) at the image's bottom. */
  private paintGrid(boundary: Boundary): void {
    const { cols, rows, values } = boundary;
    this.image.width = cols;
    this.image.height = rows;
    const ctx = this.image.getContext('2d')!;
    const pixels = ctx.createImageData(cols, rows);
    const background = rgbOf(this.theme.background || '#ffffff');
    const classes = [rgbOf(this.theme.series[0]), rgbOf(this.theme.series[1])];
    const share = classShare(boundary);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) {
        const t = share(values[i * cols + j]);
        const colour = classes[t > 0.5 ? 1 : 0];
        const tint = Number.isFinite(t) ? MAX_TINT * Math.min(1, Math.abs(2 * t - 1)) : 0;
        const at = 4 * ((rows - 1 - i) * cols + j);
        for (let c = 0; c < 3; c++) pixels.data[at + c] = background[c] + tint * (colour[c] - background[c]);
        pixels.data[at + 3] = 255;
      }
    ctx.putImageData(pixels, 0, 0);
  }

  render(): void {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    if (!width || !height) return;
    if (canvas.width !== Math.round(width * ratio)) canvas.width = Math.round(width * ratio);
    if (canvas.height !== Math.round(height * ratio)) canvas.height = Math.round(height * ratio);
    const ctx = canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const b = this.boundary;
    if (!b) return;
    const plot = { left: MARGIN.left, top: MARGIN.top, width: width - MARGIN.left - MARGIN.right };
    const plotHeight = height - MARGIN.top - MARGIN.bottom;
    // For tests and screen readers' sake the plot's place and ranges are on the element.
    canvas.dataset.plot = [plot.left, plot.top, plot.width, plotHeight].join(',');
    canvas.dataset.range = [b.xMin, b.xMax, b.yMin, b.yMax].join(',');
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(this.image, plot.left, plot.top, plot.width, plotHeight);
    const px = (x: number) => plot.left + ((x - b.xMin) / (b.xMax - b.xMin)) * plot.width;
    const py = (y: number) => plot.top + (1 - (y - b.yMin) / (b.yMax - b.yMin)) * plotHeight;
    this.drawPoints(ctx, px, py);
    this.drawAxes(ctx, b, plot.left, plot.top, plot.width, plotHeight);
  }

  private drawPoints(ctx: CanvasRenderingContext2D, px: (x: number) => number, py: (y: number) => number): void {
    const p = this.points;
    if (!p) return;
    ctx.lineWidth = 1;
    ctx.strokeStyle = this.theme.foreground || '#000';
    for (const cls of [0, 1]) {
      ctx.fillStyle = this.theme.series[cls];
      ctx.beginPath();
      for (let i = 0; i < p.x1.length; i++) {
        if ((p.label[i] > 0 ? 1 : 0) !== cls) continue;
        const x = px(p.x1[i]);
        const y = py(p.x2[i]);
        ctx.moveTo(x + 3.5, y);
        ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
      }
      ctx.fill();
      ctx.stroke();
    }
  }

  private drawAxes(ctx: CanvasRenderingContext2D, b: Boundary, left: number, top: number, w: number, h: number) {
    const fmt = (v: number) => String(Number(v.toPrecision(2)));
    ctx.strokeStyle = this.theme.grid || '#ccc';
    ctx.strokeRect(left, top, w, h);
    ctx.fillStyle = this.theme.foreground || '#000';
    ctx.font = `${this.theme.fontSize}px ${this.theme.fontFamily}`;
    ctx.textBaseline = 'top';
    ctx.textAlign = 'left';
    ctx.fillText(fmt(b.xMin), left, top + h + 4);
    ctx.textAlign = 'right';
    ctx.fillText(fmt(b.xMax), left + w, top + h + 4);
    ctx.textAlign = 'center';
    ctx.fillText('x1', left + w / 2, top + h + 4);
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'right';
    ctx.fillText(fmt(b.yMax), left - 4, top + 6);
    ctx.fillText(fmt(b.yMin), left - 4, top + h - 6);
    ctx.fillText('x2', left - 4, top + h / 2);
  }
}
