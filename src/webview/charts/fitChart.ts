// The data as points and the fitted line w*x + b moving live (first feature; with several features the
// line is drawn with the others at zero, and the caption says so).
import { applyThemeDefaults, baseOptions, Chart, lineWidth, recolourScales } from './setup';
import type { ChartTheme } from './theme';

interface Point {
  x: number;
  y: number;
}

/** [lo, hi] padded by a tenth and widened to whole steps of a power of ten; 0 included when it is near. */
function niceRange(lo: number, hi: number): [number, number] {
  const span = hi - lo || Math.abs(hi) || 1;
  let a = lo - span * 0.1,
    b = hi + span * 0.1;
  if (a > 0 && a < span) a = 0;
  if (b < 0 && -b < span) b = 0;
  const step = 10 ** Math.floor(Math.log10(b - a));
  return [Math.floor(a / step) * step, Math.ceil(b / step) * step];
}

export class FitChart {
  private readonly chart: Chart<'scatter', Point[]>;
  private xMin = 0;
  private xMax = 1;

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    applyThemeDefaults(theme);
    this.chart = new Chart<'scatter', Point[]>(canvas, {
      type: 'scatter',
      data: {
        datasets: [
          { label: 'data', data: [], backgroundColor: theme.points, borderColor: theme.points, pointRadius: 3 },
          {
            label: 'f(x)',
            data: [],
            type: 'line' as 'scatter',
            borderColor: theme.fit,
            backgroundColor: theme.fit,
            borderWidth: lineWidth(theme),
            pointRadius: 0,
            showLine: true,
          },
        ],
      },
      options: {
        ...baseOptions(theme),
        scales: {
          x: { type: 'linear', title: { display: true, text: 'x' } },
          y: { type: 'linear', title: { display: true, text: 'y' } },
        },
        plugins: { ...baseOptions(theme).plugins, legend: { display: true, labels: { boxWidth: 12 } } },
      },
    });
  }

  setData(x: Float64Array, y: Float64Array, xName: string, yName: string): void {
    const points: Point[] = [];
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < x.length; i++) {
      points.push({ x: x[i], y: y[i] });
      lo = Math.min(lo, x[i]);
      hi = Math.max(hi, x[i]);
    }
    // Room on each side, and x = 0 in view when it is near (the tutorial's line through the origin).
    [this.xMin, this.xMax] = niceRange(lo, hi);
    this.chart.data.datasets[0].data = points;
    // Many points: small squares, which a canvas fills far faster than circles.
    this.chart.data.datasets[0].pointRadius = x.length > 200 ? 1.5 : 3.5;
    this.chart.data.datasets[0].pointStyle = x.length > 200 ? 'rect' : 'circle';
    // Fixed axes: the moving line never rescales the plot (and the points are not laid out again).
    let ylo = Infinity,
      yhi = -Infinity;
    for (let i = 0; i < y.length; i++) {
      ylo = Math.min(ylo, y[i]);
      yhi = Math.max(yhi, y[i]);
    }
    const [yMin, yMax] = niceRange(ylo, yhi);
    const scales = this.chart.options.scales as Record<
      'x' | 'y',
      { min?: number; max?: number; title: { text: string } }
    >;
    Object.assign(scales.x, { min: this.xMin, max: this.xMax });
    Object.assign(scales.y, { min: yMin, max: yMax });
    scales.x.title.text = xName;
    scales.y.title.text = yName;
  }

  /** The fitted line for the first weight and the bias (null = no bias). */
  setLine(w: number, b: number | null): void {
    const f = (x: number) => w * x + (b ?? 0);
    this.chart.data.datasets[1].data =
      Number.isFinite(w) && Number.isFinite(b ?? 0)
        ? [
            { x: this.xMin, y: f(this.xMin) },
            { x: this.xMax, y: f(this.xMax) },
          ]
        : [];
  }

  /** The fitted curve of a model with parameters of its own: its output at increasing x. */
  setCurve(x: Float64Array, y: Float64Array): void {
    const points: Point[] = [];
    for (let i = 0; i < x.length; i++) if (Number.isFinite(y[i])) points.push({ x: x[i], y: y[i] });
    this.chart.data.datasets[1].data = points;
  }

  setTheme(theme: ChartTheme): void {
    const [points, line] = this.chart.data.datasets;
    points.backgroundColor = points.borderColor = theme.points;
    line.backgroundColor = line.borderColor = theme.fit;
    line.borderWidth = lineWidth(theme);
    recolourScales(this.chart, theme);
  }

  render(): void {
    this.chart.update('none');
  }
}
