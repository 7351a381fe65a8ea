// The trainer panel's page: turns the user's actions and the extension's messages into messages to the
// worker, and hands what the worker reports to the run view. It never trains.
import { csvColumns, defaultTarget } from '../../protocol/dataColumns';
import { defaultSettings, type TrainerSettings } from '../../protocol/trainerSettings';
import { validateToWebview, type ToWebview } from '../../protocol/webviewMessages';
import { validateFromWorker, type ToWorker } from '../../protocol/workerMessages';
import { Banner } from './views/banner';
import { ChartsView } from './views/chartsView';
import { bindControls } from './controlBindings';
import { element, markInvalid, readForm, setTargetColumns, showRelevantFields, writeForm } from './controls';
import { bindExports, type ScriptExports } from './exportButtons';
import { LiveGraph } from './liveGraph';
import { LogView } from './views/logView';
import { moonsDemoSettings } from './moonsDemo';
import { fileLeftOut, PanelPersistence, savedPanel } from './panelPersistence';
import { ParametersView } from './views/parametersView';
import { PhasesView } from './views/phasesView';
import { RunView } from './views/runView';
import type { VsCodeApi } from './vscodeApi';

export class TrainerPage {
  private settings: TrainerSettings = defaultSettings();
  /** The loss expression the extension was last told about (it names the tab after it). */
  private reportedLoss: string | null = null;
  private readonly log = new LogView(element('log'));
  private readonly phases = new PhasesView();
  private readonly banner = new Banner();
  private readonly charts = new ChartsView();
  private readonly parameters = new ParametersView();
  private readonly persistence: PanelPersistence;
  private readonly run: RunView;
  private readonly graph: LiveGraph;
  private readonly exports: ScriptExports;

  constructor(
    private readonly vscode: VsCodeApi,
    private readonly worker: Worker,
  ) {
    this.persistence = new PanelPersistence(vscode, () => ({
      settings: this.settings,
      changes: this.run.changes,
      history: this.run.history,
      log: this.log.text,
      status: this.run.status,
    }));
    this.run = new RunView(
      {
        settings: () => this.settings,
        useLearningRate: (lr, reset) => {
          this.changeSettings({ ...this.settings, lr }, true);
          if (reset) this.toWorker({ type: 'reset' });
        },
        saveNow: () => this.persistence.saveNow(),
        saveSoon: () => this.persistence.saveSoon(),
      },
      { log: this.log, phases: this.phases, banner: this.banner, charts: this.charts, parameters: this.parameters },
    );
    this.graph = new LiveGraph({
      requestGraph: () => this.toWorker({ type: 'graph' }),
      post: (message) => this.vscode.postMessage(message),
      notice: (text) => this.banner.show('info', text),
      now: () => performance.now(),
      later: (fn, ms) => setTimeout(fn, ms),
    });
    worker.onmessage = (event: MessageEvent<unknown>) => this.fromWorker(event.data);
    worker.onerror = (event) => this.banner.show('error', `The trainer's worker failed: ${event.message}`);
    window.addEventListener('message', (event: MessageEvent<unknown>) => this.fromExtension(event.data));
    bindControls({
      playOrPause: () => this.playOrPause(),
      step: () => this.toWorker({ type: 'step' }),
      reset: () => this.toWorker({ type: 'reset' }),
      nextPhase: () => this.nextPhase(),
      showGraph: () => this.graph.open(),
      formChanged: () => this.formChanged(),
      pickDataFile: () => this.vscode.postMessage({ type: 'pickDataFile' }),
      useEditorArrays: () => this.vscode.postMessage({ type: 'useEditorArrays' }),
      moonsDemo: () => this.moonsDemo(),
      predict: (x) => this.toWorker({ type: 'predict', x, purpose: 'query' }),
      sourceKind: () => this.settings.source.kind,
    });
    this.exports = bindExports(vscode, {
      settings: () => this.settings,
      changes: () => this.run.changes,
      history: () => this.run.history,
      png: () => this.charts.pngDataUrl(),
      requestPytorchScript: (title) => this.toWorker({ type: 'pytorchScript', title }),
      notice: (level, text) => this.banner.show(level, text),
    });
  }

  /** Restores a saved run (paused where it was), or starts the tutorial. */
  start(): void {
    const s = savedPanel(this.vscode);
    this.exports.settingsChanged(s?.settings ?? this.settings);
    if (!s) {
      writeForm(this.settings);
      this.toWorker({ type: 'configure', settings: this.settings });
    } else {
      this.settings = s.settings;
      writeForm(this.settings);
      const leftOut = fileLeftOut(s.settings);
      this.run.restore(s, leftOut === null);
      if (leftOut !== null) {
        this.banner.show(
          'info',
          `${leftOut} was too large to keep with the panel: choose it again (Data, Choose file…) to continue.`,
        );
      } else {
        this.toWorker({
          type: 'configure',
          settings: this.settings,
          resume: { changes: s.changes, epoch: this.run.history?.epochsDone ?? 0 },
        });
      }
    }
    this.vscode.postMessage({ type: 'ready' });
    this.reportLoss();
  }

  private toWorker(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private fromWorker(raw: unknown): void {
    const checked = validateFromWorker(raw);
    if (!checked.ok) {
      this.banner.show('error', `Ignored a malformed message from the worker: ${checked.error.message}`);
      return;
    }
    const message = checked.value;
    if (message.type === 'graph' || message.type === 'graphError') {
      this.graph.received(message);
      return;
    }
    if (message.type === 'pytorchScript' || message.type === 'exportRefused') {
      this.exports.received(message);
      return;
    }
    this.run.receive(message);
    // the weights moved (or a new run began): the graph panel, if it follows the run, is redrawn
    if (message.type === 'epochs' || message.type === 'configured') this.graph.moved();
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
        if (launch.data)
          next.source = { kind: 'inline', label: launch.source ?? 'the editor', x: launch.data.x, y: launch.data.y };
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
      case 'graphClosed':
        this.graph.stop();
        return;
    }
  }

  // ---- the user's actions ---------------------------------------------------------------------

  /** Phases: ask for the next epoch's numbers, then reveal forward, loss, backward, and step for the update. */
  private nextPhase(): void {
    if (this.run.status.kind === 'done' || this.run.status.kind === 'diverged') return;
    if (this.phases.needsPhases) {
      this.toWorker({ type: 'phases' });
      return;
    }
    const update = this.phases.nextIsUpdate;
    this.phases.advance(this.settings);
    if (update) this.toWorker({ type: 'step' });
  }

  /** The micrograd demo: its settings in the form, a fresh run, played. */
  private moonsDemo(): void {
    this.changeSettings(moonsDemoSettings(this.settings), true);
    this.toWorker({ type: 'reset' });
    this.toWorker({ type: 'play' });
  }

  private playOrPause(): void {
    if (this.run.status.kind === 'running') {
      this.toWorker({ type: 'pause' });
      return;
    }
    if (this.run.status.kind === 'done' || this.run.status.kind === 'diverged') this.toWorker({ type: 'reset' });
    this.toWorker({ type: 'play' });
  }

  private formChanged(): void {
    const read = readForm(this.settings);
    if (!read.ok) {
      markInvalid(read.error.field, read.error.message);
      return;
    }
    markInvalid(null);
    this.changeSettings(read.value, false);
  }

  /** Applies new settings: live ones keep the run going, others start a new run (the worker decides). */
  private changeSettings(next: TrainerSettings, rewriteForm: boolean): void {
    this.settings = next;
    if (rewriteForm) writeForm(next);
    showRelevantFields(next);
    this.exports.settingsChanged(next);
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
