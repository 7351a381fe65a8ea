// The Parameters card: every parameter of the run at one epoch with autograd's gradient of the loss at
// it, as the worker sends them (a few times a second, and at every stop). Scalars and short vectors are
// rows of a table; matrices and long vectors are heat maps, each beside its gradient's, with the range
// of each printed under it. Pointing at a cell, or focusing a map and using the arrow keys, reads the
// entry's value and gradient in words. The markup is rebuilt only when the parameters' shapes change.
import type { ParameterGradients } from '../../../protocol/workerMessages';
import { rgbOf } from '../../charts/colour';
import { symmetricRange, type DivergingColours } from '../../charts/divergingScale';
import { HeatMap, type MapStyle } from '../../charts/heatMap';
import { cellAt, entryName, layoutParameters, moveCell, type ParameterPiece } from '../../charts/parameterLayout';
import { readTheme, watchTheme, type ChartTheme } from '../../charts/theme';
import { element } from '../controls';
import { gradientName, mapLabel, numberText, readoutText, scaleLabels, snapshotText } from '../parameterWords';

type MapPiece = Extract<ParameterPiece, { kind: 'map' }>;

/** One side of a heat map pair: the map and the labels under it. */
interface MapSide {
  map: HeatMap;
  low: HTMLElement;
  high: HTMLElement;
  note: HTMLElement;
}

interface MapPair {
  piece: MapPiece;
  value: MapSide;
  gradient: MapSide;
}

interface TableRow {
  at: number;
  value: HTMLElement;
  gradient: HTMLElement;
}

const READOUT_HINT = 'Point at a cell, or focus a map and use the arrow keys, to read its value and gradient.';

function make<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  if (text) el.textContent = text;
  return el;
}

export class ParametersView {
  private shapesKey = '';
  private pairs: MapPair[] = [];
  private rows: TableRow[] = [];
  private snapshot: ParameterGradients | null = null;
  /** The entry being read: a map (index into pairs) and a flat index into its parameter. */
  private selected: { pair: number; k: number } | null = null;
  private style: MapStyle;

  constructor() {
    this.style = styleOf(readTheme());
    watchTheme((theme) => {
      this.style = styleOf(theme);
      this.pairs.forEach((_, p) => this.paint(p));
    });
  }

  /** A new run: nothing to show until the worker sends its parameters. */
  clear(): void {
    this.snapshot = null;
    this.selected = null;
    element('params-epoch').textContent = '';
    element('params-readout').textContent = '';
  }

  show(snapshot: ParameterGradients): void {
    const key = JSON.stringify(snapshot.parameters);
    if (key !== this.shapesKey) this.build(layoutParameters(snapshot.parameters), key);
    this.snapshot = snapshot;
    element('params-epoch').textContent = snapshotText(snapshot.epochs, snapshot.loss);
    element('params-basis').textContent = snapshot.basis;
    for (const row of this.rows) {
      row.value.textContent = numberText(snapshot.values[row.at]);
      row.gradient.textContent = numberText(snapshot.gradients[row.at]);
    }
    this.pairs.forEach((_, p) => this.paint(p));
    this.showReadout();
  }

  private build(pieces: ParameterPiece[], key: string): void {
    this.shapesKey = key;
    this.selected = null;
    const tables = pieces.filter((p) => p.kind === 'table');
    const body = element('params-table').querySelector('tbody')!;
    body.replaceChildren();
    this.rows = tables.flatMap((piece) =>
      Array.from({ length: piece.size }, (_, k) => {
        const tr = make('tr');
        const name = make('th', '', entryName(piece.name, piece.shape, k));
        name.scope = 'row';
        const value = make('td');
        const gradient = make('td');
        tr.append(name, value, gradient);
        body.append(tr);
        return { at: piece.offset + k, value, gradient };
      }),
    );
    element('params-table').hidden = tables.length === 0;
    const maps = element('params-maps');
    maps.replaceChildren();
    this.pairs = pieces
      .filter((p): p is MapPiece => p.kind === 'map')
      .map((piece, p) => {
        const figure = make('figure', 'param-map');
        const caption = make('figcaption', '', piece.name);
        caption.append(' ', make('span', 'subtle', piece.shape.join(' × ')));
        const value = this.side(piece, p, 'value', true);
        const gradient = this.side(piece, p, gradientName(piece.name), false);
        const pair = make('div', 'param-pair');
        pair.append(value.box, gradient.box);
        figure.append(caption, pair);
        maps.append(figure);
        return { piece, value: value.side, gradient: gradient.side };
      });
  }

  /** A heat map with its title and colour bar; `focusable`: the value map takes the keyboard for both. */
  private side(piece: MapPiece, p: number, title: string, focusable: boolean): { box: HTMLElement; side: MapSide } {
    const box = make('div', 'param-side');
    const canvas = make('canvas', 'heat-map');
    canvas.setAttribute('role', 'img');
    canvas.dataset.parameter = piece.name;
    canvas.dataset.of = focusable ? 'value' : 'gradient';
    canvas.dataset.rows = String(piece.rows);
    canvas.dataset.cols = String(piece.cols);
    canvas.setAttribute('aria-describedby', 'params-readout');
    const map = new HeatMap(canvas, piece);
    canvas.addEventListener('pointermove', (e) => {
      const k = cellAt(e.offsetX, e.offsetY, piece);
      if (k !== null) this.select(p, k);
    });
    canvas.addEventListener('pointerleave', () => {
      if (document.activeElement !== this.pairs[p]?.value.map.canvas) this.select(null);
    });
    if (focusable) {
      canvas.tabIndex = 0;
      canvas.setAttribute('aria-keyshortcuts', 'ArrowUp ArrowDown ArrowLeft ArrowRight Home End');
      canvas.addEventListener('focus', () => this.select(p, this.selected?.pair === p ? this.selected.k : 0));
      canvas.addEventListener('blur', () => this.select(null));
      canvas.addEventListener('keydown', (e) => {
        const k = moveCell(this.selected?.pair === p ? this.selected.k : 0, e.key, piece);
        if (k === null) return;
        e.preventDefault();
        this.select(p, k);
      });
    }
    const bar = make('div', 'scale');
    const low = make('span', 'scale-low');
    const high = make('span', 'scale-high');
    const stripe = make('span', 'scale-bar');
    stripe.setAttribute('aria-hidden', 'true');
    bar.append(low, stripe, high);
    const note = make('p', 'scale-note');
    box.append(make('span', 'param-side-title', title), canvas, bar, note);
    return { box, side: { map, low, high, note } };
  }

  /** Reads one entry (or none, leaving the last words in the readout), outlined on both maps of its parameter. */
  private select(pair: number | null, k = 0): void {
    const before = this.selected?.pair;
    this.selected = pair === null ? null : { pair, k };
    if (before !== undefined && before !== pair) this.paint(before);
    if (pair !== null) {
      this.paint(pair);
      this.showReadout();
    }
  }

  private showReadout(): void {
    const s = this.snapshot;
    const readout = element('params-readout');
    if (!s || !this.pairs.length) {
      readout.textContent = '';
      return;
    }
    const selected = this.selected;
    if (!selected) {
      if (!readout.textContent) readout.textContent = READOUT_HINT;
      return;
    }
    const { piece, value, gradient } = this.pairs[selected.pair];
    const at = piece.offset + selected.k;
    const text = readoutText(entryName(piece.name, piece.shape, selected.k), s.values[at], s.gradients[at]);
    readout.textContent = text;
    value.map.canvas.title = gradient.map.canvas.title = text;
  }

  private paint(p: number): void {
    const s = this.snapshot;
    const pair = this.pairs[p];
    if (!s || !pair) return;
    const { piece } = pair;
    const highlight = this.selected?.pair === p ? this.selected.k : null;
    const sides: [MapSide, Float64Array, string][] = [
      [pair.value, s.values, piece.name],
      [pair.gradient, s.gradients, gradientName(piece.name)],
    ];
    for (const [side, all, what] of sides) {
      const values = all.subarray(piece.offset, piece.offset + piece.size);
      const range = symmetricRange(values);
      side.map.paint(values, range, this.style, highlight);
      const { low, high } = scaleLabels(range);
      side.low.textContent = low;
      side.high.textContent = high;
      let min = Infinity;
      let max = -Infinity;
      let invalid = 0;
      for (const v of values) {
        if (!Number.isFinite(v)) {
          invalid++;
          continue;
        }
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      side.note.textContent = invalid ? `${invalid} not finite (NaN or ∞), in the error colour` : '';
      side.map.canvas.setAttribute('aria-label', mapLabel(what, piece.rows, piece.cols, min, max, side === pair.value));
    }
  }
}

function styleOf(theme: ChartTheme): MapStyle {
  const colours: DivergingColours = {
    negative: rgbOf(theme.series[0]),
    zero: rgbOf(theme.background || '#ffffff'),
    positive: rgbOf(theme.series[1]),
    invalid: rgbOf(theme.error),
  };
  return { colours, grid: theme.grid || 'rgba(128, 128, 128, 0.25)', highlight: theme.foreground || '#000000' };
}
