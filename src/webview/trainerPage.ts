// The trainer panel's page: renders what the worker reports (epochs, state, predictions) and turns the
// user's actions into messages. It never trains; it keeps the run's history to draw and to save.
import type { PanelState } from '../protocol/panelState';
import { defaultSettings, type TrainerSettings } from '../protocol/trainerSettings';
import { validateToWebview, type ToWebview } from '../protocol/webviewMessages';
import { validateFromWorker, type EpochBatch, type FromWorker, type ToWorker } from '../protocol/workerMessages';
import { formatFixed, formatPrediction } from '../train/format';
import type { SessionState } from '../train/types';
import { Banner } from './banner';
import { ChartsView } from './chartsView';
import { bindControls } from './controlBindings';
import { element, markInvalid, readForm, setTargetColumns, showRelevantFields, writeForm } from './controls';
import { csvColumns, defaultTarget } from './dataSource';
import { changeText, divergenceText, modelText, parameterNames, runText, saferLearningRate, statusText } from './describe';
import { bindExports } from './exportButtons';
import { epochLines, LogView } from './logView';
import { fileLeftOut, PanelPersistence, savedPanel } from './panelPersistence';
import { PhasesView } from './phasesView';
import { RunHistory } from './runHistory';
import type { VsCodeApi } from './vscodeApi';

export class TrainerPage {
  private settings: TrainerSettings = defaultSettings();
  private history: RunHistory | null = null;
  private status: SessionState = { kind: 'idle' };
  private changes: PanelState['changes'] = [];
  private criticalLr: number | null = null;
  /** The settings the log last described, so a live change is logged as what it changed. */
  private logged: TrainerSettings = this.settings;
  /** While a saved run is being rebuilt in the worker, its history and log are already on screen. */
  private restoring = false;
  /** The loss expression the extension was last told about (it names the tab after it). */
  private reportedLoss: string | null = null;
  private readonly log = new LogView(element('log'));
  private readonly phases = new PhasesView();
  private readonly banner = new Banner();
  private readonly charts = new ChartsView();
  private readonly persistence: PanelPersistence;

  constructor(private readonly vscode: VsCodeApi, private readonly worker: Worker) {
    this.persistence = new PanelPersistence(vscode, () => ({
      settings: this.settings, changes: this.changes, history: this.history, log: this.log.text, status: this.status,
    }));
    worker.onmessage = (event: MessageEvent<unknown>) => this.fromWorker(event.data);
    worker.onerror = (event) => this.banner.show('error', `The trainer's worker failed: ${event.message}`);
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.fromExtension(event.data));
    bindControls({
      playOrPause: () => this.playOrPause(),
      step: () => this.toWorker({ type: 'step' }),
      reset: () => this.toWorker({ type: 'reset' }),
      nextPhase: () => this.nextPhase(),
      formChanged: () => this.formChanged(),
      pickDataFile: () => this.vscode.postMessage({ type: 'pickDataFile' }),
      useEditorArrays: () => this.vscode.postMessage({ type: 'useEditorArrays' }),
      predict: (x) => this.toWorker({ type: 'predict', x, purpose: 'query' }),
      sourceKind: () => this.settings.source.kind,
    });
    bindExports(vscode, { settings: () => this.settings, changes: () => this.changes, history: () => this.history, png: () => this.charts.pngDataUrl() });
  }

  /** Restores a saved run (paused where it was), or starts the tutorial. */
  start(): void {
    const s = savedPanel(this.vscode);
    if (!s) {
      writeForm(this.settings);
      this.toWorker({ type: 'configure', settings: this.settings });
    } else {
      Object.assign(this, { settings: s.settings, changes: s.changes, status: s.status, logged: s.settings });
      writeForm(this.settings);
      this.log.replace(s.log);
      this.history = s.history ? RunHistory.from(s.history, s.paramNames, s.initialParams) : null;
      this.charts.newRun(s.paramNames, s.initialParams, this.settings);
      if (this.history) this.charts.append(this.history, this.history, this.settings);
      const leftOut = fileLeftOut(s.settings);
      if (leftOut !== null) {
        this.banner.show('info', `${leftOut} was too large to keep with the panel: choose it again (Data, Choose file…) to continue.`);
      } else {
        this.restoring = true;
        this.toWorker({ type: 'configure', settings: this.settings, resume: { changes: this.changes, epoch: this.history?.length ?? 0 } });
      }
    }
    this.vscode.postMessage({ type: 'ready' });
    this.reportLoss();
  }

  private toWorker(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  // ---- from the worker -------------------------------------------------------------------------

  private fromWorker(raw: unknown): void {
    const checked = validateFromWorker(raw);
    if (!checked.ok) {
      this.banner.show('error', `Ignored a malformed message from the worker: ${checked.error}`);
      return;
    }
    const m: FromWorker = checked.value;
    switch (m.type) {
      case 'configured': {
        const model = modelText(m.data.d, this.settings.bias, this.settings.modelExpr);
        this.criticalLr = m.criticalLr;
        element('model-label').textContent = `${model} on ${m.data.label} (N = ${m.data.n.toLocaleString('en-US')})`;
        this.charts.showData(m.data, m.criticalLr);
        if (!this.restoring) {
          const names = parameterNames(m.data.d, this.settings.bias);
          const initial = [...m.params.w, ...(m.params.b === null ? [] : [m.params.b])];
          this.phases.clear();
          this.history = new RunHistory(names.length, names, initial);
          this.changes = [];
          this.charts.newRun(names, initial, this.settings);
          this.log.replace([`# ${model}, ${runText(this.settings)}`]);
          this.logged = this.settings;
          this.banner.hide();
        }
        this.persistence.saveNow();
        return;
      }
      case 'landscape':
        this.charts.setLandscape(m, this.history);
        return;
      case 'epochs':
        this.onEpochs(m);
        return;
      case 'phases':
        this.phases.start(m, this.settings);
        return;
      case 'overlays':
        this.charts.setOverlays(m.runs, m.note);
        return;
      case 'state':
        this.onState(m.state);
        return;
      case 'checkpoint': {
        const added = m.changes.filter((c) => !this.changes.some((o) => o.epoch === c.epoch && JSON.stringify(o.settings) === JSON.stringify(c.settings)));
        this.changes = m.changes;
        for (const c of this.restoring ? [] : added) {
          this.log.append(`# from epoch ${c.epoch}: ${changeText(this.logged, c.settings)}`);
          this.logged = c.settings;
        }
        this.persistence.saveNow();
        return;
      }
      case 'prediction':
        if (m.purpose === 'query') {
          element('predict-out').textContent = `f(${m.x.join(', ')}) = ${formatFixed(m.y, 3)}`;
        } else if (!this.restoring) {
          this.log.append(formatPrediction(m.purpose, m.x.length === 1 ? m.x[0] : Number.NaN, m.y).replace('f(NaN)', `f(${m.x.join(', ')})`));
          this.persistence.saveNow();
        }
        return;
      case 'dataError':
        this.restoring = false;
        this.banner.show('error', `Could not read the data: ${m.message}`);
        this.log.append(`# data error: ${m.message}`);
        element('status').textContent = 'data error';
        return;
      case 'error':
        this.restoring = false;
        this.banner.show('error', m.message);
        this.log.append(`# error: ${m.message}`);
        return;
    }
  }

  private onEpochs(batch: EpochBatch): void {
    const history = this.history;
    if (!history || batch.stride !== history.stride) return;
    history.append(batch);
    this.charts.append(batch, history, this.settings);
    const n = batch.epoch.length;
    if (n) this.phases.stepped(batch.epoch[n - 1], Array.from(batch.params.subarray((n - 1) * batch.stride)), this.settings);
    this.log.append(...epochLines(batch, this.settings));
    this.persistence.saveSoon();
  }

  private onState(state: SessionState): void {
    this.restoring = false;
    this.status = state;
    const over = state.kind === 'done' || state.kind === 'diverged';
    const play = element<HTMLButtonElement>('play');
    play.textContent = state.kind === 'running' ? 'Pause' : over ? 'Run again' : 'Play';
    play.setAttribute('aria-pressed', String(state.kind === 'running'));
    element('status').textContent = statusText(state, this.settings.epochs);
    element('status').dataset.kind = state.kind;
    element<HTMLButtonElement>('step').disabled = over;
    element<HTMLButtonElement>('phases').disabled = over;
    if (state.kind === 'diverged') {
      this.charts.markDivergence(state.epoch);
      const text = divergenceText(state, this.settings.lr, this.criticalLr);
      const safer = this.criticalLr === null ? this.settings.lr / 10 : saferLearningRate(this.criticalLr);
      this.banner.show('error', text, {
        label: `Reset with lr = ${safer}`,
        run: () => {
          this.changeSettings({ ...this.settings, lr: safer }, true);
          this.toWorker({ type: 'reset' });
        },
      });
      this.log.append(`# ${text}`);
    }
    this.persistence.saveNow();
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
        this.banner.show(m.level, m.text);
        return;
    }
  }

  // ---- the user's actions ---------------------------------------------------------------------

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
    if (this.status.kind === 'running') {
      this.toWorker({ type: 'pause' });
      return;
    }
    if (this.status.kind === 'done' || this.status.kind === 'diverged') this.toWorker({ type: 'reset' });
    this.toWorker({ type: 'play' });
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
    this.charts.applySettings(next);
    this.toWorker({ type: 'settings', settings: next });
    this.reportLoss();
    this.persistence.saveNow();
  }

  /** Tells the extension which loss expression the panel trains, when that changed. */
  private reportLoss(): void {
    const lossExpr = this.settings.lossExpr ?? null;
    if (lossExpr === this.reportedLoss) return;
    this.reportedLoss = lossExpr;
    this.vscode.postMessage({ type: 'trainingLoss', lossExpr });
  }
}
