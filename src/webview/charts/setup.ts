// Registers only the chart.js parts the trainer uses (a tree-shaken bundle), and the defaults all its
// charts share: no animation (they stream), the theme's font and colours.
import {
  Chart,
  Decimation,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';
import type { ChartTheme } from './theme';

Chart.register(
  LineController,
  ScatterController,
  LineElement,
  PointElement,
  LinearScale,
  LogarithmicScale,
  Decimation,
  Legend,
  Tooltip,
);

export { Chart };

export function applyThemeDefaults(theme: ChartTheme): void {
  Chart.defaults.color = theme.foreground;
  Chart.defaults.borderColor = theme.grid;
  Chart.defaults.font.family = theme.fontFamily;
  Chart.defaults.font.size = theme.fontSize;
  Chart.defaults.animation = false;
}

/** Shared options: responsive, no animation, legend only when asked. */
export function baseOptions(theme: ChartTheme) {
  return {
    responsive: true as const,
    maintainAspectRatio: false as const,
    animation: false as const,
    normalized: true as const,
    parsing: false as const,
    events: ['mousemove', 'mouseout', 'click'] as ('mousemove' | 'mouseout' | 'click')[],
    plugins: {
      legend: { display: false, labels: { color: theme.foreground, boxWidth: 12 } },
      tooltip: { enabled: true, intersect: false, mode: 'nearest' as const },
    },
  };
}

export function lineWidth(theme: ChartTheme): number {
  return theme.highContrast ? 3 : 2;
}

/** Axis, grid and title colours after a theme change. */
export function recolourScales(chart: Chart, theme: ChartTheme): void {
  for (const scale of Object.values(chart.options.scales ?? {})) {
    if (!scale) continue;
    scale.grid = { ...scale.grid, color: theme.grid };
    scale.ticks = { ...scale.ticks, color: theme.foreground };
    if ('title' in scale && scale.title) scale.title.color = theme.foreground;
  }
}
