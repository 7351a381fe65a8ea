// The panel's four charts as one view: loss, parameters, data with the fitted line, and the loss
// landscape. Data goes in as it arrives; drawing happens on animation frames through the scheduler.
import type { TrainerSettings } from '../../../protocol/trainerSettings';
import type { Boundary, Curve, DataSummary, EpochBatch, Landscape, OverlayRun } from '../../../protocol/workerMessages';
import { AccuracyChart } from '../../charts/accuracyChart';
import { BoundaryChart } from '../../charts/boundaryChart';
import { FitChart } from '../../charts/fitChart';
import { LandscapeChart } from '../../charts/landscapeChart';
import { LossChart } from '../../charts/lossChart';
import { ParamChart } from '../../charts/paramChart';
import { createRedrawScheduler, type RedrawScheduler } from '../../charts/redraw';
import { readTheme, watchTheme } from '../../charts/theme';
import { element } from '../controls';
import { criticalCaption, stoppedWord } from '../describe';
import { formatFixed } from '../../../train/format';
import type { RunHistory } from '../runHistory';
import type { StopCause } from '../../../train/types';

/** The parameter chart draws this many lines at most (ParamChart's MAX_LINES). */
const PARAMETER_LINES = 8;

/** Shows or hides the card that holds a chart. */
function showCard(canvasId: string, visible: boolean): void {
  const card = element(canvasId).closest('section');
  if (card) card.hidden = !visible;
}

/** A count as the page writes it: 1,000,000. */
const count = (n: number) => n.toLocaleString('en-US');

/** Landscape paths longer than this are thinned for drawing (the first and last steps always stay). */
const MAX_PATH_POINTS = 200;

export class ChartsView {
  private readonly loss: LossChart;
  private readonly params: ParamChart;
  private readonly fit: FitChart;
  private readonly landscape: LandscapeChart;
  private readonly accuracy: AccuracyChart;
  private readonly boundary: BoundaryChart;
  /** The model is the line w·x + b, drawn from its parameters; other models' curves come from the worker. */
  private drawsLine = true;
  private samples = 0;
  /** What the loss chart's caption says of the overlaid runs (a comparison), if any. */
  private overlayNote = '';
  /** The newest epoch's accuracy, kept to caption it again once the data's size is known (after a reload). */
  private lastAccuracy: { epoch: number; share: number } | null = null;
  private landscapeData: Landscape | null = null;
  private criticalLr: number | null = null;
  private handWrittenGradient = false;
  readonly redraw: RedrawScheduler;

  constructor() {
    const theme = readTheme();
    this.loss = new LossChart(element<HTMLCanvasElement>('loss-chart'), theme);
    this.params = new ParamChart(element<HTMLCanvasElement>('param-chart'), theme);
    this.fit = new FitChart(element<HTMLCanvasElement>('fit-chart'), theme);
    this.landscape = new LandscapeChart(element<HTMLCanvasElement>('landscape-chart'), theme);
    this.accuracy = new AccuracyChart(element<HTMLCanvasElement>('accuracy-chart'), theme);
    this.boundary = new BoundaryChart(element<HTMLCanvasElement>('boundary-chart'), theme);
    const charts = [this.loss, this.accuracy, this.boundary, this.params, this.fit, this.landscape];
    showCard('boundary-chart', false);
    showCard('accuracy-chart', false);
    this.redraw = createRedrawScheduler(charts.map((chart) => () => chart.render()));
    watchTheme((next) => {
      charts.forEach((c) => c.setTheme(next));
      this.redraw.request();
    });
  }

  /**
   * A new run: empty loss, accuracy and parameter charts, the line at the initial parameters (`line`: the
   * model is w·x + b; another model's curve or boundary arrives from the worker).
   */
  newRun(names: string[], initial: number[], settings: TrainerSettings, line = settings.modelExpr === undefined): void {
    this.drawsLine = line;
    this.loss.clear();
    this.loss.setOverlays([]);
    this.accuracy.clear();
    this.overlayNote = '';
    this.showLossCaption();
    this.lastAccuracy = null;
    this.showAccuracyCaption();
    showCard('accuracy-chart', false);
    this.params.reset(names, initial);
    element('param-chart-caption').textContent =
      names.length > PARAMETER_LINES ? `The first ${PARAMETER_LINES} of ${names.length} parameters.` : '';
    this.applySettings(settings);
    if (line) this.fit.setLine(initial[0], settings.bias ? initial[initial.length - 1] : null);
    else this.fit.setCurve(new Float64Array(0), new Float64Array(0));
    this.boundary.setBoundary(null);
    element('epoch-counter').textContent = `epoch 0 / ${settings.epochs}`;
    this.redraw.request();
  }

  /** `criticalLr` is the loss's 2/λmax, or the hand-written gradient's own 2/slope when `handWrittenGradient`. */
  showData(data: DataSummary, criticalLr: number | null, handWrittenGradient = false): void {
    this.criticalLr = criticalLr;
    this.handWrittenGradient = handWrittenGradient;
    this.samples = data.n;
    this.showAccuracyCaption();
    // Two features: the plane with the boundary replaces the first feature's scatter.
    const plane = data.previewX2 !== undefined && data.d === 2;
    showCard('boundary-chart', plane);
    showCard('fit-chart', !plane);
    if (data.previewX2) this.boundary.setPoints(data.previewX, data.previewX2, data.previewY);
    element('boundary-chart-caption').textContent =
      data.n > data.previewX.length
        ? `${data.previewX.length.toLocaleString('en-US')} of ${data.n.toLocaleString('en-US')} points shown.`
        : '';
    this.fit.setData(data.previewX, data.previewY, data.featureNames[0] ?? 'x', data.targetName);
    const shown = data.previewX.length;
    element('fit-chart-caption').textContent =
      data.d > 1
        ? `First feature only (${data.d} features); the line holds the others at 0.`
        : data.n > shown
          ? `${shown.toLocaleString('en-US')} of ${data.n.toLocaleString('en-US')} points shown.`
          : '';
    this.landscapeData = null;
    this.landscape.setLandscape(null);
    element('landscape-chart-caption').textContent = '';
    // the landscape exists for a line on one feature; the card shows once the worker sends one
    showCard('landscape-chart', false);
  }

  /** A new critical rate in the middle of a run (the gradient or loss changed): the caption says it now. */
  setCritical(criticalLr: number | null, handWrittenGradient: boolean): void {
    this.criticalLr = criticalLr;
    this.handWrittenGradient = handWrittenGradient;
    if (this.landscapeData) this.showCriticalCaption();
  }

  setLandscape(landscape: Landscape, history: RunHistory | null): void {
    this.landscapeData = landscape;
    showCard('landscape-chart', true);
    this.landscape.setLandscape(landscape);
    if (history) this.updatePath(history);
    this.redraw.request();
  }

  /** Epochs for the loss and parameter charts, the fitted line and the path on the landscape. */
  append(
    batch: Pick<EpochBatch, 'epoch' | 'loss' | 'params' | 'stride'> & { accuracy?: ArrayLike<number> | null },
    history: RunHistory,
    settings: TrainerSettings,
  ): void {
    this.loss.append(batch.epoch, batch.loss);
    this.showLossCaption();
    this.params.append(batch.epoch, batch.params, batch.stride);
    const n = batch.epoch.length;
    if (batch.accuracy && n) this.accuracy.append(batch.epoch, batch.accuracy);
    this.showAccuracy(history);
    if (n) {
      const last = batch.params.subarray((n - 1) * batch.stride, n * batch.stride);
      if (this.drawsLine) this.fit.setLine(last[0], settings.bias ? last[batch.stride - 1] : null);
      element('epoch-counter').textContent = `epoch ${batch.epoch[n - 1] + 1} / ${settings.epochs}`;
    }
    this.updatePath(history);
    this.redraw.request();
  }

  setBoundary(boundary: Boundary): void {
    this.boundary.setBoundary(boundary);
    this.redraw.request();
  }

  setCurve(curve: Curve): void {
    if (this.drawsLine) return;
    this.fit.setCurve(curve.x, curve.y);
    this.redraw.request();
  }

  setOverlays(runs: OverlayRun[], note: string): void {
    this.loss.setOverlays(runs.map((r) => ({ label: r.label, epochs: r.epoch, losses: r.loss })));
    this.overlayNote = note;
    this.showLossCaption();
    this.redraw.request();
  }

  /** The comparison's note, then where the loss is exactly 0 on a log scale. */
  private showLossCaption(): void {
    const text = [this.overlayNote, this.loss.zeroNote()].filter(Boolean).join(' ');
    const caption = element('loss-chart-caption');
    if (caption.textContent !== text) caption.textContent = text;
  }

  applySettings(settings: TrainerSettings): void {
    this.loss.setScale(settings.lossScale);
    this.showLossCaption();
    this.loss.setEpochs(settings.epochs);
    this.params.setEpochs(settings.epochs);
    this.accuracy.setEpochs(settings.epochs);
    if (settings.compare === 'none') this.setOverlays([], '');
    this.redraw.request();
  }

  markStop(epoch: number, cause: StopCause): void {
    this.loss.markStop(epoch, `${stoppedWord(cause)} at epoch ${epoch}`);
    this.redraw.request();
  }

  /** The path on the landscape: w before each step with its loss (1-D), or (w, b) through the run (2-D). */
  private updatePath(h: RunHistory): void {
    const l = this.landscapeData;
    if (!l) return;
    const n = h.length;
    const keep = (i: number) => n <= MAX_PATH_POINTS || i === n - 1 || i % Math.ceil(n / MAX_PATH_POINTS) === 0;
    const ws: number[] = [];
    const second: number[] = [];
    let current: number | null = h.initial[0];
    if (l.b) {
      ws.push(h.initial[0]);
      second.push(h.initial[h.stride - 1]);
      for (let i = 0; i < n; i++)
        if (keep(i)) {
          ws.push(h.param(i, 0));
          second.push(h.param(i, h.stride - 1));
        }
    } else {
      for (let i = 0; i < n; i++) {
        if (!keep(i)) continue;
        const start = h.before(i, 0);
        // A restored copy may not know where an epoch started (NaN): that point is left out, not guessed.
        if (Number.isNaN(start)) continue;
        ws.push(start);
        second.push(h.loss[i]);
      }
      // The tangent sits at the w the next step starts from.
      if (n > 0) current = Number.isFinite(h.param(n - 1, 0)) ? h.param(n - 1, 0) : null;
    }
    this.landscape.setPath(ws, second, current);
    this.showCriticalCaption();
  }

  /**
   * The accuracy card shows exactly when every epoch of the run carries an accuracy: the worker sends one
   * when the session counts it (its accuracyRule, for a built-in loss and a loss expression alike), so the
   * page keeps no list of classification losses of its own. A run before its first epoch, a regression
   * loss, or a run switched to one midway shows none.
   */
  private showAccuracy(history: RunHistory): void {
    const accuracy = history.accuracy;
    const n = history.length;
    this.lastAccuracy = accuracy ? { epoch: history.epoch[n - 1], share: accuracy[n - 1] } : null;
    showCard('accuracy-chart', accuracy !== null);
    this.showAccuracyCaption();
  }

  /** "100.0 % (100 of 100 points) in epoch 199’s forward pass.", once both the accuracy and the data are known. */
  private showAccuracyCaption(): void {
    const a = this.lastAccuracy;
    element('accuracy-chart-caption').textContent =
      a && this.samples > 0
        ? `${formatFixed(100 * a.share, 1)} % (${count(Math.round(a.share * this.samples))} of ${count(this.samples)} points) in epoch ${a.epoch}’s forward pass.`
        : '';
  }

  private showCriticalCaption(): void {
    element('landscape-chart-caption').textContent = criticalCaption(this.criticalLr, this.handWrittenGradient);
  }

  /** The four charts on one sheet, for "Charts as PNG". */
  pngDataUrl(): string {
    this.redraw.flush();
    const canvases = ['loss-chart', 'param-chart', 'fit-chart', 'landscape-chart'].map((id) =>
      element<HTMLCanvasElement>(id),
    );
    const width = Math.max(...canvases.map((c) => c.width));
    const top = Math.max(canvases[0].height, canvases[1].height);
    const sheet = document.createElement('canvas');
    sheet.width = width * 2;
    sheet.height = top + Math.max(canvases[2].height, canvases[3].height);
    const ctx = sheet.getContext('2d')!;
    ctx.fillStyle = readTheme().background || '#ffffff';
    ctx.fillRect(0, 0, sheet.width, sheet.height);
    canvases.forEach((c, i) => ctx.drawImage(c, (i % 2) * width, i < 2 ? 0 : top));
    return sheet.toDataURL('image/png');
  }
}
