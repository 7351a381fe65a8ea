// The accuracy per epoch (classification losses), from 0 to 100 %, beside the loss: the share of rows
// each epoch's forward pass classified right.
import { applyThemeDefaults, baseOptions, Chart, lineWidth, recolourScales } from './setup';
import type { ChartTheme } from './theme';

interface Point {
  x: number;
  y: number;
}

export class AccuracyChart {
  private readonly chart: Chart<'line', Point[]>;

  constructor(canvas: HTMLCanvasElement, theme: ChartTheme) {
    applyThemeDefaults(theme);
    this.chart = new Chart<'line', Point[]>(canvas, {
      type: 'line',
      data: { datasets: [{ label: 'accuracy', data: [], pointRadius: 0, indexAxis: 'x' as const }] },
      options: {
        ...baseOptions(theme),
        scales: {
          x: { type: 'linear', title: { display: true, text: 'epoch' }, ticks: { precision: 0 }, min: 0 },
          y: {
            type: 'linear',
            min: 0,
            max: 100,
            title: { display: true, text: 'accuracy (%)' },
          },
        },
        plugins: { ...baseOptions(theme).plugins, decimation: { enabled: true, algorithm: 'min-max' } },
      },
    });
    this.setTheme(theme);
  }

  append(epochs: Int32Array, accuracy: ArrayLike<number>): void {
    const data = this.chart.data.datasets[0].data;
    for (let i = 0; i < epochs.length; i++) data.push({ x: epochs[i], y: 100 * accuracy[i] });
  }

  clear(): void {
    this.chart.data.datasets[0].data = [];
  }

  setEpochs(epochs: number): void {
    (this.chart.options.scales!.x as { suggestedMax?: number }).suggestedMax = Math.max(1, epochs - 1);
  }

  setTheme(theme: ChartTheme): void {
    const ds = this.chart.data.datasets[0];
    ds.borderColor = ds.backgroundColor = theme.series[2];
    ds.borderWidth = lineWidth(theme);
    recolourScales(this.chart, theme);
  }

  render(): void {
    const live = this.chart.data.datasets[0];
    live.pointRadius = live.data.length <= 40 ? 2.5 : 0;
    this.chart.update('none');
  }
}
