// Parameter trajectories: one line per parameter (w, or w[0..], and b) against the epoch.
import { applyThemeDefaults, baseOptions, Chart, lineWidth, recolourScales } from './setup';
import type { ChartTheme } from './theme';

interface Point {
  x: number;
  y: number;
}

/** More lines than this would be noise; the first ones are drawn and the rest listed in the legend's title. */
const MAX_LINES = 8;

export class ParamChart {
  private readonly chart: Chart<'line', Point[]>;

  constructor(
    canvas: HTMLCanvasElement,
    private theme: ChartTheme,
  ) {
    applyThemeDefaults(theme);
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [] },
      options: {
        ...baseOptions(theme),
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epochs done' }, ticks: { precision: 0 }, min: 0 },
          y: { type: 'linear', title: { display: true, text: 'value' } },
        },
        plugins: {
          ...baseOptions(theme).plugins,
          legend: { display: true, labels: { boxWidth: 12 } },
          decimation: { enabled: true, algorithm: 'min-max' },
        },
      },
    });
  }

  /** Starts over with these parameter names and their initial values (at 0 epochs done; epoch k's result is at k + 1). */
  reset(names: string[], initial: number[]): void {
    this.chart.data.datasets = names.slice(0, MAX_LINES).map((name, k) => ({
      label: name,
      data: [{ x: 0, y: initial[k] }],
      borderColor: this.theme.series[(k + 1) % this.theme.series.length],
      backgroundColor: this.theme.series[(k + 1) % this.theme.series.length],
      borderWidth: lineWidth(this.theme),
      pointRadius: 0,
      indexAxis: 'x' as const,
    }));
  }

  append(epochs: Int32Array, params: Float64Array, stride: number): void {
    this.chart.data.datasets.forEach((ds, k) => {
      for (let i = 0; i < epochs.length; i++) {
        const v = params[i * stride + k];
        if (Number.isFinite(v)) ds.data.push({ x: epochs[i] + 1, y: v });
      }
    });
  }

  setTheme(theme: ChartTheme): void {
    this.theme = theme;
    this.chart.data.datasets.forEach((ds, k) => {
      ds.borderColor = ds.backgroundColor = theme.series[(k + 1) % theme.series.length];
      ds.borderWidth = lineWidth(theme);
    });
    recolourScales(this.chart, theme);
  }

  setEpochs(epochs: number): void {
    (this.chart.options.scales!.x as { suggestedMax?: number }).suggestedMax = epochs;
  }

  render(): void {
    this.chart.update('none');
  }
}
