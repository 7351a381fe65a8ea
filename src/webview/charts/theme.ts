// Chart colours from the VS Code theme's CSS variables (media/trainer.css maps them to --al-* with
// fallbacks, so the page also looks right outside VS Code). Charts recolour when the theme changes.

export interface ChartTheme {
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  error: string;
  /** Series colours: loss, then parameters w[0], w[1], ..., b. */
  series: string[];
  fit: string;
  points: string;
  highContrast: boolean;
  fontFamily: string;
  fontSize: number;
}

export function readTheme(root: HTMLElement = document.body): ChartTheme {
  const style = getComputedStyle(root);
  const v = (name: string) => style.getPropertyValue(name).trim();
  const highContrast =
    root.classList.contains('vscode-high-contrast') || root.classList.contains('vscode-high-contrast-light');
  return {
    foreground: v('--al-fg'),
    muted: v('--al-muted'),
    grid: v('--al-grid'),
    background: v('--al-bg'),
    error: v('--al-error'),
    series: ['--al-blue', '--al-orange', '--al-green', '--al-purple', '--al-red', '--al-yellow'].map(v),
    fit: v('--al-red'),
    points: v('--al-points'),
    highContrast,
    fontFamily: v('--al-font') || 'sans-serif',
    fontSize: Number.parseFloat(v('--al-font-size')) || 12,
  };
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body's class and style). */
export function watchTheme(onChange: (theme: ChartTheme) => void): () => void {
  const observer = new MutationObserver(() => onChange(readTheme()));
  observer.observe(document.body, { attributes: true, attributeFilter: ['class', 'style', 'data-vscode-theme-kind'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}
