// The live loss per epoch, linear or log, with overlaid runs (comparisons) and the epoch where a run
// ended early (diverged, or stopped) marked. Points are appended as they arrive; chart.js' decimation keeps long runs cheap.
import type { Plugin } from 'chart.js';
import { applyThemeDefaults, baseOptions, Chart, lineWidth, recolourScales } from './setup';
import type { ChartTheme } from './theme';
import { tickLabel } from './logTicks';

interface Point {
  x: number;
  y: number | null;
}

export class LossChart {
  private readonly chart: Chart<'line', Point[]>;
  private stoppedAt: { epoch: number; label: string } | null = null;
  private scale: 'linear' | 'log' = 'log';
  private raw: number[] = [];
  /** The stretches of epochs whose loss is exactly 0, which a log scale has no place for. */
  private zeroRuns: { from: number; to: number }[] = [];
  private overlays: { label: string; epochs: ArrayLike<number>; losses: ArrayLike<number> }[] = [];

  constructor(
    canvas: HTMLCanvasElement,
    private theme: ChartTheme,
  ) {
    applyThemeDefaults(theme);
    const marker: Plugin<'line'> = {
      id: 'divergenceMarker',
      afterDatasetsDraw: (chart) => {
        this.drawZeroRuns(chart);
        this.drawMarker(chart);
      },
    };
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [this.dataset('loss', theme.series[0])] },
      options: {
        ...baseOptions(theme),
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch' }, ticks: { precision: 0 }, min: 0 },
          y: {
            type: 'logarithmic',
            title: { display: true, text: 'loss' },
            ticks: { callback: (value, _index, ticks) => tickLabel(Number(value), this.scale, ticks) },
          },
        },
        plugins: {
          ...baseOptions(theme).plugins,
          decimation: { enabled: true, algorithm: 'min-max' },
        },
      },
      plugins: [marker],
    });
  }

  private dataset(label: string, color: string) {
    return {
      label,
      data: [] as Point[],
      borderColor: color,
      backgroundColor: color,
      borderWidth: lineWidth(this.theme),
      pointRadius: 0,
      indexAxis: 'x' as const,
    };
  }

  /**
   * Log scale cannot show a loss of exactly 0 (the tutorial reaches it in float32, a hinge loss once every
   * margin is met): such points are left out of the line and drawn as a bar on the plot's floor instead.
   */
  private shown(loss: number): number | null {
    return this.scale === 'log' && !(loss > 0) ? null : Number.isFinite(loss) ? loss : null;
  }

  append(epochs: Int32Array, losses: Float64Array): void {
    const data = this.chart.data.datasets[0].data;
    for (let i = 0; i < epochs.length; i++) {
      this.raw.push(losses[i]);
      data.push({ x: epochs[i], y: this.shown(losses[i]) });
      if (losses[i] !== 0) continue;
      const last = this.zeroRuns[this.zeroRuns.length - 1];
      if (last && last.to === epochs[i] - 1) last.to = epochs[i];
      else this.zeroRuns.push({ from: epochs[i], to: epochs[i] });
    }
  }

  /** Says where the loss is exactly 0 when the log scale cannot draw it; else ''. */
  zeroNote(): string {
    if (this.scale !== 'log' || this.zeroRuns.length === 0) return '';
    const epochs = this.zeroRuns.reduce((n, run) => n + run.to - run.from + 1, 0);
    const first = this.zeroRuns[0].from;
    return `The loss is exactly 0 in ${epochs === 1 ? '1 epoch' : `${epochs} epochs`}, from epoch ${first}: a log scale has no 0, so the bar on its floor marks them.`;
  }

  clear(): void {
    this.raw = [];
    this.zeroRuns = [];
    this.chart.data.datasets[0].data = [];
    this.stoppedAt = null;
  }

  setScale(scale: 'linear' | 'log'): void {
    if (scale === this.scale) return;
    this.scale = scale;
    const y = this.chart.options.scales!.y!;
    (y as { type: string }).type = scale === 'log' ? 'logarithmic' : 'linear';
    this.chart.data.datasets[0].data = this.raw.map((loss, i) => ({
      x: (this.chart.data.datasets[0].data[i] as Point).x,
      y: this.shown(loss),
    }));
    this.setOverlays(this.overlays);
  }

  /** Marks the epoch where the run ended early, with the words the page says it in ("diverged at epoch 23"). */
  markStop(epoch: number, label: string): void {
    this.stoppedAt = { epoch, label };
  }

  /** Other runs drawn under the live one: the hand-written gradient, a learning-rate sweep. */
  setOverlays(runs: { label: string; epochs: ArrayLike<number>; losses: ArrayLike<number> }[]): void {
    this.overlays = runs;
    const live = this.chart.data.datasets[0];
    live.label = runs.length ? 'this run' : 'loss';
    const overlays = runs.map((run, k) => {
      const ds = this.dataset(run.label, this.theme.series[(k + 1) % this.theme.series.length]);
      for (let i = 0; i < run.epochs.length; i++) ds.data.push({ x: run.epochs[i], y: this.shown(run.losses[i]) });
      return { ...ds, borderDash: [6, 3] };
    });
    this.chart.data.datasets = [live, ...overlays];
    this.chart.options.plugins!.legend!.display = overlays.length > 0;
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    applyThemeDefaults(theme);
    this.chart.data.datasets.forEach((ds, k) => {
      ds.borderColor = ds.backgroundColor = theme.series[k % theme.series.length];
      ds.borderWidth = lineWidth(theme);
    });
    recolourScales(this.chart, theme);
  }

  /** The x axis spans the whole run from the start, so progress reads at a glance. */
  setEpochs(epochs: number): void {
    (this.chart.options.scales!.x as { suggestedMax?: number }).suggestedMax = Math.max(1, epochs - 1);
  }

  render(): void {
    // A handful of epochs are drawn as dots too: a single epoch is otherwise invisible.
    const live = this.chart.data.datasets[0];
    live.pointRadius = live.data.length <= 40 ? 2.5 : 0;
    this.chart.update('none');
  }

  get canvas(): HTMLCanvasElement {
    return this.chart.canvas;
  }

  private drawZeroRuns(chart: Chart): void {
    if (this.scale !== 'log' || this.zeroRuns.length === 0) return;
    const { bottom, left, right } = chart.chartArea;
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = this.theme.series[0];
    for (const run of this.zeroRuns) {
      const from = Math.max(left, chart.scales.x.getPixelForValue(run.from) - 2);
      const to = Math.min(right, chart.scales.x.getPixelForValue(run.to) + 2);
      if (to > from) ctx.fillRect(from, bottom - 4, to - from, 4);
    }
    const start = chart.scales.x.getPixelForValue(this.zeroRuns[0].from);
    ctx.font = `${this.theme.fontSize}px ${this.theme.fontFamily}`;
    ctx.textAlign = start > (left + right) / 2 ? 'right' : 'left';
    ctx.fillText('loss = 0', Math.min(Math.max(start, left), right), bottom - 8);
    ctx.restore();
  }

  private drawMarker(chart: Chart): void {
    if (this.stoppedAt === null) return;
    const x = chart.scales.x.getPixelForValue(this.stoppedAt.epoch);
    const { top, bottom, left, right } = chart.chartArea;
    if (x < left || x > right) return;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = this.theme.error;
    ctx.fillStyle = this.theme.error;
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = `${this.theme.fontSize}px ${this.theme.fontFamily}`;
    ctx.textAlign = x > (left + right) / 2 ? 'right' : 'left';
    ctx.fillText(this.stoppedAt.label, x + (ctx.textAlign === 'right' ? -4 : 4), top + this.theme.fontSize + 2);
    ctx.restore();
  }
}
