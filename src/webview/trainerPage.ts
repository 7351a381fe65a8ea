// The trainer panel's page: renders what the worker reports (epochs, state, predictions) and turns the
// user's actions into messages. It never trains; it keeps the run's history to draw and to save.
import { validatePanelState, type PanelState } from '../protocol/panelState';
import { defaultSettings, type TrainerSettings } from '../protocol/trainerSettings';
import { validateToWebview, type ToWebview } from '../protocol/webviewMessages';
import { validateFromWorker, type EpochBatch, type FromWorker, type Landscape, type ToWorker } from '../protocol/workerMessages';
import { formatEpochLine, formatFixed, formatPrediction } from '../train/format';
import type { SessionState } from '../train/types';
import { FitChart } from './charts/fitChart';
import { LandscapeChart } from './charts/landscapeChart';
import { LossChart } from './charts/lossChart';
import { ParamChart } from './charts/paramChart';
import { createRedrawScheduler, type RedrawScheduler } from './charts/redraw';
import { readTheme, watchTheme } from './charts/theme';
import { element, markInvalid, readForm, setTargetColumns, showRelevantFields, writeForm } from './controls';
import { csvColumns, defaultTarget } from './dataSource';
import { changeText, criticalText, divergenceText, modelText, parameterNames, runText, saferLearningRate, statusText } from './describe';
import { exportScript } from './exportScript';
import { LogView } from './logView';
import { PhasesView } from './phasesView';
import { RunHistory } from './runHistory';
import type { VsCodeApi } from './vscodeApi';

/** Landscape paths longer than this are thinned for drawing (the first and last steps always stay). */
const MAX_PATH_POINTS = 200;
const SAVE_EVERY_MS = 500;

export class TrainerPage {
  private settings: TrainerSettings = defaultSettings();
  private history: RunHistory | null = null;
  private status: SessionState = { kind: 'idle' };
  private changes: PanelState['changes'] = [];
  private criticalLr: number | null = null;
  private landscape: Landscape | null = null;
  /** The settings the log last described, so a live change is logged as what it changed. */
  private logged: TrainerSettings = this.settings;
  /** While a saved run is being rebuilt in the worker, its history and log are already on screen. */
  private restoring = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly log = new LogView(element('log'));
  private readonly phases = new PhasesView();
  private readonly lossChart: LossChart;
  private readonly paramChart: ParamChart;
  private readonly fitChart: FitChart;
  private readonly landscapeChart: LandscapeChart;
  readonly redraw: RedrawScheduler;

  constructor(private readonly vscode: VsCodeApi, private readonly worker: Worker) {
    const theme = readTheme();
    this.lossChart = new LossChart(element<HTMLCanvasElement>('loss-chart'), theme);
    this.paramChart = new ParamChart(element<HTMLCanvasElement>('param-chart'), theme);
    this.fitChart = new FitChart(element<HTMLCanvasElement>('fit-chart'), theme);
    this.landscapeChart = new LandscapeChart(element<HTMLCanvasElement>('landscape-chart'), theme);
    this.redraw = createRedrawScheduler([this.lossChart, this.paramChart, this.fitChart, this.landscapeChart].map((chart) => () => chart.render()));
    watchTheme((next) => {
      [this.lossChart, this.paramChart, this.fitChart, this.landscapeChart].forEach((c) => c.setTheme(next));
      this.redraw.request();
    });
    worker.onmessage = (event: MessageEvent<unknown>) => this.fromWorker(event.data);
    worker.onerror = (event) => this.showBanner('error', `The trainer's worker failed: ${event.message}`);
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.fromExtension(event.data));
    this.bindControls();
  }

  /** Restores a saved run, or starts the tutorial. */
  start(): void {
    const saved = validatePanelState(this.vscode.getState());
    if (saved.ok) {
      const s = saved.value;
      this.settings = s.settings;
      this.changes = s.changes;
      this.status = s.status;
      this.logged = s.settings;
      writeForm(this.settings);
      this.log.replace(s.log);
      this.resetCharts(s.paramNames, s.initialParams);
      if (s.history) {
        this.history = RunHistory.from(s.history, s.paramNames, s.initialParams);
        this.drawBatch(this.history);
      }
      this.restoring = true;
      this.toWorker({ type: 'configure', settings: this.settings, resume: { changes: this.changes, epoch: this.history?.length ?? 0 } });
    } else {
      writeForm(this.settings);
      this.toWorker({ type: 'configure', settings: this.settings });
    }
    this.vscode.postMessage({ type: 'ready' });
  }

  private toWorker(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  // ---- from the worker -------------------------------------------------------------------------

  private fromWorker(raw: unknown): void {
    const checked = validateFromWorker(raw);
    if (!checked.ok) {
      this.showBanner('error', `Ignored a malformed message from the worker: ${checked.error}`);
      return;
    }
    const m: FromWorker = checked.value;
    switch (m.type) {
      case 'configured': {
        const names = parameterNames(m.data.d, this.settings.bias);
        const initial = [...m.params.w, ...(m.params.b === null ? [] : [m.params.b])];
        this.criticalLr = m.criticalLr;
        element('model-label').textContent = `${modelText(m.data.d, this.settings.bias, this.settings.modelExpr)} on ${m.data.label} (N = ${m.data.n.toLocaleString('en-US')})`;
        this.fitChart.setData(m.data.previewX, m.data.previewY, m.data.featureNames[0] ?? 'x', m.data.targetName);
        element('fit-chart-caption').textContent = m.data.d > 1 ? `First feature only (${m.data.d} features); the line holds the others at 0.` : m.data.n > m.data.previewX.length ? `${m.data.previewX.length.toLocaleString('en-US')} of ${m.data.n.toLocaleString('en-US')} points shown.` : '';
        if (!this.restoring) {
          this.phases.clear();
          this.history = new RunHistory(names.length, names, initial);
          this.changes = [];
          this.resetCharts(names, initial);
          this.lossChart.setOverlays([]);
          element('loss-chart-caption').textContent = '';
          this.log.replace([`# ${modelText(m.data.d, this.settings.bias, this.settings.modelExpr)}, ${runText(this.settings)}`]);
          this.logged = this.settings;
          this.hideBanner();
        }
        this.fitChart.setLine(initial[0], this.settings.bias ? initial[initial.length - 1] : null);
        this.landscape = null;
        this.landscapeChart.setLandscape(null);
        element('landscape-chart-caption').textContent = m.data.d > 1 ? 'The landscape is drawn for one feature.' : '';
        this.updateLandscape();
        this.redraw.request();
        this.save();
        return;
      }
      case 'landscape':
        this.landscape = m;
        this.landscapeChart.setLandscape(m);
        this.updateLandscape();
        this.redraw.request();
        return;
      case 'epochs':
        this.onEpochs(m);
        return;
      case 'phases':
        this.phases.start(m, this.settings);
        return;
      case 'overlays':
        this.lossChart.setOverlays(m.runs.map((r) => ({ label: r.label, epochs: r.epoch, losses: r.loss })));
        element('loss-chart-caption').textContent = m.note;
        this.redraw.request();
        return;
      case 'state':
        this.onState(m.state);
        return;
      case 'checkpoint': {
        const added = m.changes.filter((c) => !this.changes.some((o) => o.epoch === c.epoch && JSON.stringify(o.settings) === JSON.stringify(c.settings)));
        this.changes = m.changes;
        if (!this.restoring) {
          for (const c of added) {
            this.log.append(`# from epoch ${c.epoch}: ${changeText(this.logged, c.settings)}`);
            this.logged = c.settings;
          }
        }
        this.save();
        return;
      }
      case 'prediction': {
        if (m.purpose === 'query') {
          element('predict-out').textContent = `f(${m.x.join(', ')}) = ${formatFixed(m.y, 3)}`;
        } else if (!this.restoring) {
          this.log.append(formatPrediction(m.purpose, m.x.length === 1 ? m.x[0] : Number.NaN, m.y).replace('f(NaN)', `f(${m.x.join(', ')})`));
          this.save();
        }
        return;
      }
      case 'dataError':
        this.restoring = false;
        this.showBanner('error', `Could not read the data: ${m.message}`);
        this.log.append(`# data error: ${m.message}`);
        element('status').textContent = 'data error';
        return;
      case 'error':
        this.restoring = false;
        this.showBanner('error', m.message);
        this.log.append(`# error: ${m.message}`);
        return;
    }
  }

  private onEpochs(batch: EpochBatch): void {
    const history = this.history;
    if (!history || batch.stride !== history.stride) return;
    history.append(batch);
    this.drawBatch(batch);
    const every = this.settings.logEvery;
    const lines: string[] = [];
    for (let i = 0; i < batch.epoch.length; i++) {
      if (batch.epoch[i] % every !== 0) continue;
      const values = Array.from(batch.params.subarray(i * batch.stride, (i + 1) * batch.stride));
      const params = this.settings.bias ? { w: values.slice(0, -1), b: values[values.length - 1] } : { w: values, b: null };
      lines.push(formatEpochLine({ epoch: batch.epoch[i], loss: batch.loss[i], params, gradNorm: batch.gradNorm[i] }));
    }
    this.log.append(...lines);
    this.scheduleSave();
  }

  /** Feeds epochs to the charts (they draw on the next frame, at most ~30 times a second). */
  private drawBatch(batch: Pick<EpochBatch, 'epoch' | 'loss' | 'params' | 'stride'>): void {
    this.lossChart.append(batch.epoch, batch.loss);
    this.paramChart.append(batch.epoch, batch.params, batch.stride);
    const n = batch.epoch.length;
    if (n) {
      const last = batch.params.subarray((n - 1) * batch.stride, n * batch.stride);
      this.fitChart.setLine(last[0], this.settings.bias ? last[batch.stride - 1] : null);
      element('epoch-counter').textContent = `epoch ${batch.epoch[n - 1] + 1} / ${this.settings.epochs}`;
      this.phases.stepped(batch.epoch[n - 1], Array.from(last), this.settings);
    }
    this.updateLandscape();
    this.redraw.request();
  }

  private onState(state: SessionState): void {
    this.restoring = false;
    this.status = state;
    const play = element<HTMLButtonElement>('play');
    play.textContent = state.kind === 'running' ? 'Pause' : state.kind === 'done' || state.kind === 'diverged' ? 'Run again' : 'Play';
    play.setAttribute('aria-pressed', String(state.kind === 'running'));
    element('status').textContent = statusText(state, this.settings.epochs);
    element('status').dataset.kind = state.kind;
    element<HTMLButtonElement>('step').disabled = state.kind === 'done' || state.kind === 'diverged';
    if (state.kind === 'diverged') {
      this.lossChart.markDivergence(state.epoch);
      const text = divergenceText(state, this.settings.lr, this.criticalLr);
      const safer = this.criticalLr === null ? this.settings.lr / 10 : saferLearningRate(this.criticalLr);
      this.showBanner('error', text, {
        label: `Reset with lr = ${safer}`,
        run: () => {
          this.changeSettings({ ...this.settings, lr: safer }, true);
          this.toWorker({ type: 'reset' });
        },
      });
      this.log.append(`# ${text}`);
    }
    this.redraw.request();
    this.save();
  }

  // ---- from the extension ----------------------------------------------------------------------

  private fromExtension(raw: unknown): void {
    const checked = validateToWebview(raw);
    if (!checked.ok) return; // other messages (the page's own, a test harness's) are not for us
    const m: ToWebview = checked.value;
    switch (m.type) {
      case 'launch': {
        const { launch } = m;
        const next: TrainerSettings = { ...this.settings };
        delete next.lossExpr;
        delete next.modelExpr;
        if (launch.lossExpr) next.lossExpr = launch.lossExpr;
        if (launch.modelExpr) next.modelExpr = launch.modelExpr;
        if (launch.data) next.source = { kind: 'inline', label: launch.source ?? 'the editor', x: launch.data.x, y: launch.data.y };
        this.changeSettings(next, true);
        return;
      }
      case 'data': {
        const source = m.source;
        if (source.kind === 'file') {
          const columns = source.format === 'csv' ? csvColumns(source.text) : [];
          const target = source.target || defaultTarget(columns);
          setTargetColumns(columns, target);
          this.changeSettings({ ...this.settings, source: { ...source, target } }, true);
        } else {
          this.changeSettings({ ...this.settings, source }, true);
        }
        return;
      }
      case 'notice':
        this.showBanner(m.level, m.text);
        return;
    }
  }

  // ---- controls --------------------------------------------------------------------------------

  private bindControls(): void {
    element('play').addEventListener('click', () => this.playOrPause());
    element('step').addEventListener('click', () => this.toWorker({ type: 'step' }));
    element('phases').addEventListener('click', () => this.nextPhase());
    element('reset').addEventListener('click', () => this.toWorker({ type: 'reset' }));
    const onChange = () => this.formChanged();
    element('settings').addEventListener('change', onChange);
    element('lr').addEventListener('change', onChange);
    element('speed').addEventListener('change', onChange);
    element('loss-scale').addEventListener('change', onChange);
    element('compare').addEventListener('change', onChange);
    element('settings').addEventListener('submit', (e) => e.preventDefault());
    element('source').addEventListener('change', (e) => {
      const kind = (e.target as HTMLSelectElement).value;
      if (kind === 'file') this.vscode.postMessage({ type: 'pickDataFile' });
      if (kind === 'inline') this.vscode.postMessage({ type: 'useEditorArrays' });
    });
    element('pick-file').addEventListener('click', () => this.vscode.postMessage({ type: 'pickDataFile' }));
    element('editor-arrays').addEventListener('click', () => this.vscode.postMessage({ type: 'useEditorArrays' }));
    element('predict-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const x = element<HTMLInputElement>('predict-x').value.split(/[\s,]+/).filter(Boolean).map(Number);
      if (!x.length || x.some((v) => !Number.isFinite(v))) {
        element('predict-out').textContent = 'enter a number (or one per feature, separated by commas)';
        return;
      }
      this.toWorker({ type: 'predict', x, purpose: 'query' });
    });
    element('banner-action').addEventListener('click', () => this.bannerAction?.());
    element('export-csv').addEventListener('click', () => this.history && this.vscode.postMessage({ type: 'export', format: 'csv', text: this.history.toCsv() }));
    element('export-json').addEventListener('click', () => this.exportJson());
    element('export-png').addEventListener('click', () => this.exportPng());
    element('export-pytorch').addEventListener('click', () => this.vscode.postMessage({ type: 'export', format: 'pytorch', text: exportScript(this.settings, 'pytorch') }));
    element('export-numpy').addEventListener('click', () => this.vscode.postMessage({ type: 'export', format: 'numpy', text: exportScript(this.settings, 'numpy') }));
    document.addEventListener('keydown', (e) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const action = { p: () => this.playOrPause(), s: () => this.toWorker({ type: 'step' }), r: () => this.toWorker({ type: 'reset' }), e: () => this.nextPhase() }[e.key.toLowerCase()];
      if (action) {
        e.preventDefault();
        action();
      }
    });
  }

  /** Phases: ask for the next epoch's numbers, then reveal forward, loss, backward, and step for the update. */
  private nextPhase(): void {
    if (this.status.kind === 'done' || this.status.kind === 'diverged') return;
    if (this.phases.needsPhases) {
      this.toWorker({ type: 'phases' });
      return;
    }
    const update = this.phases.nextIsUpdate;
    this.phases.advance(this.settings);
    if (update) this.toWorker({ type: 'step' });
  }

  private playOrPause(): void {
    if (this.status.kind === 'running') this.toWorker({ type: 'pause' });
    else if (this.status.kind === 'done' || this.status.kind === 'diverged') {
      this.toWorker({ type: 'reset' });
      this.toWorker({ type: 'play' });
    } else this.toWorker({ type: 'play' });
  }

  private formChanged(): void {
    const read = readForm(this.settings);
    if (!read.ok) {
      markInvalid(read.field, read.message);
      return;
    }
    markInvalid(null);
    this.changeSettings(read.settings, false);
  }

  /** Applies new settings: live ones keep the run going, others start a new run (the worker decides). */
  private changeSettings(next: TrainerSettings, rewriteForm: boolean): void {
    this.settings = next;
    if (rewriteForm) writeForm(next);
    showRelevantFields(next);
    this.lossChart.setScale(next.lossScale);
    this.lossChart.setEpochs(next.epochs);
    this.paramChart.setEpochs(next.epochs);
    if (next.compare === 'none') {
      this.lossChart.setOverlays([]);
      element('loss-chart-caption').textContent = '';
    }
    this.toWorker({ type: 'settings', settings: next });
    this.redraw.request();
    this.save();
  }

  // ---- drawing, banner, export, state ----------------------------------------------------------

  private resetCharts(names: string[], initial: number[]): void {
    this.lossChart.clear();
    this.lossChart.setEpochs(this.settings.epochs);
    this.paramChart.setEpochs(this.settings.epochs);
    this.lossChart.setScale(this.settings.lossScale);
    this.paramChart.reset(names, initial);
    element('epoch-counter').textContent = `epoch 0 / ${this.settings.epochs}`;
  }

  private updateLandscape(): void {
    const l = this.landscape;
    const h = this.history;
    if (!l || !h) return;
    const n = h.length;
    const keep = (i: number) => n <= MAX_PATH_POINTS || i === n - 1 || i % Math.ceil(n / MAX_PATH_POINTS) === 0;
    const ws: number[] = [];
    const second: number[] = [];
    let current: number | null = h.initial[0];
    if (l.b) {
      ws.push(h.initial[0]);
      second.push(h.initial[h.stride - 1]);
      for (let i = 0; i < n; i++) if (keep(i)) { ws.push(h.param(i, 0)); second.push(h.param(i, h.stride - 1)); }
    } else {
      for (let i = 0; i < n; i++) if (keep(i)) { ws.push(h.before(i, 0)); second.push(h.loss[i]); }
      // The tangent sits at the w the next step starts from.
      if (n > 0) current = Number.isFinite(h.param(n - 1, 0)) ? h.param(n - 1, 0) : null;
    }
    this.landscapeChart.setPath(ws, second, current);
    const critical = this.criticalLr === null ? '' : `Critical learning rate 2/λmax = ${criticalText(this.criticalLr)}: SGD diverges above it.`;
    element('landscape-chart-caption').textContent = critical;
  }

  private bannerAction: (() => void) | null = null;

  private showBanner(level: 'info' | 'error', text: string, action?: { label: string; run: () => void }): void {
    const banner = element('banner');
    banner.hidden = false;
    banner.dataset.level = level;
    element('banner-text').textContent = text;
    const button = element<HTMLButtonElement>('banner-action');
    button.hidden = !action;
    button.textContent = action?.label ?? '';
    this.bannerAction = action?.run ?? null;
  }

  private hideBanner(): void {
    element('banner').hidden = true;
  }

  private exportJson(): void {
    const text = JSON.stringify({ settings: { ...this.settings, source: this.settings.source.kind === 'file' ? { ...this.settings.source, text: undefined } : this.settings.source }, changes: this.changes, history: this.history?.toJSON() ?? null }, null, 2);
    this.vscode.postMessage({ type: 'export', format: 'json', text });
  }

  private exportPng(): void {
    this.redraw.flush();
    const canvases = ['loss-chart', 'param-chart', 'fit-chart', 'landscape-chart'].map((id) => element<HTMLCanvasElement>(id));
    const width = Math.max(...canvases.map((c) => c.width));
    const sheet = document.createElement('canvas');
    sheet.width = width * 2;
    sheet.height = Math.max(canvases[0].height, canvases[1].height) + Math.max(canvases[2].height, canvases[3].height);
    const ctx = sheet.getContext('2d')!;
    ctx.fillStyle = readTheme().background || '#ffffff';
    ctx.fillRect(0, 0, sheet.width, sheet.height);
    canvases.forEach((c, i) => ctx.drawImage(c, (i % 2) * width, i < 2 ? 0 : Math.max(canvases[0].height, canvases[1].height)));
    this.vscode.postMessage({ type: 'exportPng', dataUrl: sheet.toDataURL('image/png') });
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, SAVE_EVERY_MS);
  }

  private save(): void {
    const h = this.history;
    const state: PanelState = {
      version: 1,
      settings: this.settings,
      changes: this.changes,
      history: h ? h.toJSON() : null,
      paramNames: h?.names ?? [],
      initialParams: h?.initial ?? [],
      log: this.log.tail(1000),
      status: this.status,
    };
    this.vscode.setState(state);
  }
}
