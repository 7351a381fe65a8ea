// The loss landscape with the path gradient descent takes. One parameter: the curve L(w), the steps
// taken on it and the tangent at the current w (its slope is the gradient). Two (w, b): a heat map of
// log L with the path drawn over it.
import type { Plugin } from 'chart.js';
import type { Landscape } from '../../protocol/workerMessages';
import { applyThemeDefaults, baseOptions, Chart, lineWidth, recolourScales } from './setup';
import type { ChartTheme } from './theme';

interface Point {
  x: number;
  y: number;
}

// Viridis at five stops: readable in light, dark and high-contrast themes alike.
const STOPS = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

function colourAt(t: number): [number, number, number] {
  const u = Math.min(0.9999, Math.max(0, t)) * (STOPS.length - 1);
  const i = Math.floor(u),
    f = u - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/**
 * L and dL/dw at w from the parabola through the three nearest samples: exact when L is quadratic in w
 * (MSE), and close for any smooth loss.
 */
export function curveAt(w: Float64Array, loss: Float64Array, at: number): { loss: number; slope: number } | null {
  const n = w.length;
  if (n < 3 || !(at >= w[0] && at <= w[n - 1])) return null;
  const step = (w[n - 1] - w[0]) / (n - 1);
  const i = Math.min(n - 2, Math.max(1, Math.round((at - w[0]) / step)));
  const [x0, x1, x2] = [w[i - 1], w[i], w[i + 1]];
  const [y0, y1, y2] = [loss[i - 1], loss[i], loss[i + 1]];
  // Lagrange form: L(x) = sum y_k l_k(x); its derivative term by term.
  const l0 = ((at - x1) * (at - x2)) / ((x0 - x1) * (x0 - x2));
  const l1 = ((at - x0) * (at - x2)) / ((x1 - x0) * (x1 - x2));
  const l2 = ((at - x0) * (at - x1)) / ((x2 - x0) * (x2 - x1));
  const d0 = (2 * at - x1 - x2) / ((x0 - x1) * (x0 - x2));
  const d1 = (2 * at - x0 - x2) / ((x1 - x0) * (x1 - x2));
  const d2 = (2 * at - x0 - x1) / ((x2 - x0) * (x2 - x1));
  return { loss: y0 * l0 + y1 * l1 + y2 * l2, slope: y0 * d0 + y1 * d1 + y2 * d2 };
}

export class LandscapeChart {
  private readonly chart: Chart<'line', Point[]>;
  private landscape: Landscape | null = null;
  private heat: HTMLCanvasElement | null = null;
  private lastPath: [number[], number[], number | null] = [[], [], null];

  constructor(
    canvas: HTMLCanvasElement,
    private theme: ChartTheme,
  ) {
    applyThemeDefaults(theme);
    const heatMap: Plugin<'line'> = { id: 'heatMap', beforeDatasetsDraw: (chart) => this.drawHeat(chart) };
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        ...baseOptions(theme),
        // The path goes back and forth in w: its points are not sorted by x.
        normalized: false,
        scales: {
          x: { type: 'linear', title: { display: true, text: 'w' } },
          y: { type: 'linear', title: { display: true, text: 'loss' } },
        },
        plugins: { ...baseOptions(theme).plugins, legend: { display: true, labels: { boxWidth: 12 } } },
      },
      plugins: [heatMap],
    });
  }

  setLandscape(landscape: Landscape | null): void {
    this.landscape = landscape;
    this.heat = landscape?.b ? this.heatImage(landscape) : null;
    const scales = this.chart.options.scales as Record<string, { min?: number; max?: number; title: { text: string } }>;
    if (landscape?.b) {
      Object.assign(scales.x, { min: landscape.w[0], max: landscape.w[landscape.w.length - 1] });
      Object.assign(scales.y, { min: landscape.b[0], max: landscape.b[landscape.b.length - 1] });
      scales.y.title.text = 'b';
    } else if (landscape) {
      Object.assign(scales.x, { min: landscape.w[0], max: landscape.w[landscape.w.length - 1] });
      // A loss is never negative: the axis starts at 0 and a tangent below it is clipped.
      scales.y.min = 0;
      delete scales.y.max;
      scales.y.title.text = 'loss';
    }
    this.setPath([], []);
  }

  /**
   * The path: w before each update with the loss it gave and the current w (1-D), or (w, b) from the
   * start through each update (2-D).
   */
  setPath(ws: number[], second: number[], current: number | null = null): void {
    this.lastPath = [ws, second, current];
    const l = this.landscape;
    const width = lineWidth(this.theme);
    const [c0, c1, c2] = this.theme.series;
    if (!l) {
      this.chart.data.datasets = [];
      return;
    }
    const path = ws.map((w, i) => ({ x: w, y: second[i] })).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
    if (l.b) {
      this.chart.data.datasets = [
        {
          label: 'path of (w, b)',
          data: path,
          borderColor: this.theme.foreground,
          backgroundColor: c1,
          borderWidth: width,
          pointRadius: 2.5,
        },
      ];
      return;
    }
    const curve = Array.from(l.w, (w, i) => ({ x: w, y: l.loss[i] }));
    const datasets: Chart<'line', Point[]>['data']['datasets'] = [
      { label: 'L(w)', data: curve, borderColor: c0, backgroundColor: c0, borderWidth: width, pointRadius: 0 },
      {
        label: 'steps',
        data: path,
        borderColor: c1,
        backgroundColor: c1,
        borderWidth: 1,
        pointRadius: path.length > 60 ? 2 : 3.5,
      },
    ];
    const here = current === null ? null : curveAt(l.w, l.loss, current);
    if (here && current !== null) {
      const half = (l.w[l.w.length - 1] - l.w[0]) / 8;
      datasets.push({
        label: `tangent at w = ${current.toFixed(3)}: slope dL/dw = ${Math.abs(here.slope) < 5e-13 ? '0' : here.slope.toPrecision(3)}`,
        data: [
          { x: current - half, y: here.loss - here.slope * half },
          { x: current + half, y: here.loss + here.slope * half },
        ],
        borderColor: c2,
        backgroundColor: c2,
        borderWidth: width,
        borderDash: [5, 4],
        pointRadius: 0,
      });
    }
    this.chart.data.datasets = datasets;
  }

  private heatImage(l: Landscape): HTMLCanvasElement {
    const nw = l.w.length,
      nb = l.b!.length;
    const canvas = document.createElement('canvas');
    canvas.width = nw;
    canvas.height = nb;
    const ctx = canvas.getContext('2d')!;
    const image = ctx.createImageData(nw, nb);
    // Colour by log L over four decades below the top, so the valley floor is as readable as the walls.
    const top = Math.max(...l.loss);
    const logs = Array.from(l.loss, (v) => Math.log10(v + top * 1e-4));
    const lo = Math.min(...logs),
      hi = Math.max(...logs);
    for (let i = 0; i < nb; i++) {
      for (let j = 0; j < nw; j++) {
        const [r, g, b] = colourAt((logs[i * nw + j] - lo) / (hi - lo || 1));
        // Row 0 of the image is the top: the largest b.
        const o = ((nb - 1 - i) * nw + j) * 4;
        image.data.set([r, g, b, 255], o);
      }
    }
    ctx.putImageData(image, 0, 0);
    return canvas;
  }

  private drawHeat(chart: Chart): void {
    if (!this.heat) return;
    const { left, top, width, height } = chart.chartArea;
    chart.ctx.save();
    chart.ctx.imageSmoothingEnabled = true;
    chart.ctx.drawImage(this.heat, left, top, width, height);
    chart.ctx.restore();
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    recolourScales(this.chart, theme);
    this.setPath(...this.lastPath);
  }

  render(): void {
    this.chart.update('none');
  }
}
