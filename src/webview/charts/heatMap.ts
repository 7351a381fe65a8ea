// One parameter (or its gradient) as a heat map on a plain canvas: one pixel per entry painted into a
// small image, scaled up without smoothing, thin lines between cells when they are large enough to
// tell apart, and an outline on the entry being read. A 16 x 16 map costs one putImageData and one
// drawImage, so the card redraws in well under a millisecond.
import { divergingColour, type DivergingColours } from './divergingScale';

export interface MapGeometry {
  rows: number;
  cols: number;
  /** CSS pixels per cell. */
  cell: number;
}

export interface MapStyle {
  colours: DivergingColours;
  /** The lines between cells. */
  grid: string;
  /** The outline of the entry being read. */
  highlight: string;
}

/** Cells this large (CSS pixels) or larger get lines between them. */
const GRID_FROM_CELL = 6;

export class HeatMap {
  private readonly image = document.createElement('canvas');

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly geometry: MapGeometry,
  ) {
    const { rows, cols, cell } = geometry;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(cols * cell * ratio);
    canvas.height = Math.round(rows * cell * ratio);
    canvas.style.width = `${cols * cell}px`;
    canvas.style.height = `${rows * cell}px`;
    this.image.width = cols;
    this.image.height = rows;
  }

  /** Paints `values` (row-major) on the scale ±range, with `highlight` (a flat index) outlined. */
  paint(values: ArrayLike<number>, range: number, style: MapStyle, highlight: number | null): void {
    const { rows, cols, cell } = this.geometry;
    const imageContext = this.image.getContext('2d')!;
    const pixels = imageContext.createImageData(cols, rows);
    for (let k = 0; k < rows * cols; k++) {
      const [r, g, b] = divergingColour(values[k], range, style.colours);
      pixels.data[4 * k] = r;
      pixels.data[4 * k + 1] = g;
      pixels.data[4 * k + 2] = b;
      pixels.data[4 * k + 3] = 255;
    }
    imageContext.putImageData(pixels, 0, 0);
    const ctx = this.canvas.getContext('2d')!;
    const ratio = this.canvas.width / (cols * cell);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(this.image, 0, 0, cols * cell, rows * cell);
    if (cell >= GRID_FROM_CELL) this.drawGrid(ctx, style.grid);
    if (highlight !== null && highlight >= 0 && highlight < rows * cols) {
      ctx.strokeStyle = style.highlight;
      ctx.lineWidth = 2;
      const i = Math.floor(highlight / cols);
      const j = highlight % cols;
      ctx.strokeRect(j * cell + 1, i * cell + 1, cell - 2, cell - 2);
    }
  }

  private drawGrid(ctx: CanvasRenderingContext2D, colour: string): void {
    const { rows, cols, cell } = this.geometry;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (let j = 1; j < cols; j++) {
      ctx.moveTo(j * cell + 0.5, 0);
      ctx.lineTo(j * cell + 0.5, rows * cell);
    }
    for (let i = 1; i < rows; i++) {
      ctx.moveTo(0, i * cell + 0.5);
      ctx.lineTo(cols * cell, i * cell + 0.5);
    }
    ctx.stroke();
  }
}
