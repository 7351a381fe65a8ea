// What the page shows of the run the worker reports: each message from the worker goes to the views
// (charts, log, phases, banner, learning-rate notice), and the run's history, state and live changes
// are kept here, for the page to save and export. The page itself only turns actions into messages.
import type { PanelState } from '../../../protocol/panelState';
import type { TrainerSettings, TrainingChoices } from '../../../protocol/trainerSettings';
import type { EpochBatch, FromWorker } from '../../../protocol/workerMessages';
import { formatFixed, formatPrediction } from '../../../train/format';
import type { SessionState } from '../../../train/types';
import type { Banner } from './banner';
import type { ChartsView } from './chartsView';
import { element } from '../controls';
import {
  changeText,
  modelText,
  namedParameterNames,
  parameterCountText,
  parameterNames,
  runText,
  saferLearningRate,
  statusText,
  stopText,
} from '../describe';
import { epochLines, type LogView, type ParameterLayout } from './logView';
import { LrWarningView } from './lrWarningView';
import type { ParametersView } from './parametersView';
import type { PhasesView } from './phasesView';
import { RunHistory } from '../runHistory';

interface RunHost {
  settings(): TrainerSettings;
  /** Trains with this learning rate instead (a notice's action); `reset` starts the run again. */
  useLearningRate(lr: number, reset: boolean): void;
  saveNow(): void;
  saveSoon(): void;
}

interface RunViews {
  log: LogView;
  phases: PhasesView;
  banner: Banner;
  charts: ChartsView;
  parameters: ParametersView;
}

/** Starts the log line that says a restored run lost some epochs to the saved copy's size limit. */
const RESTORED_NOTE = '# restored:';

export class RunView {
  history: RunHistory | null = null;
  status: SessionState = { kind: 'idle' };
  changes: PanelState['changes'] = [];
  private criticalLr: number | null = null;
  /** The run's gradient is hand-written, so criticalLr is that gradient's own 2/slope. */
  private handWrittenGradient = false;
  /** The settings the log last described, so a live change is logged as what it changed. */
  private logged: TrainingChoices;
  /** The model as the log's header names it (`f(x) = w·x`), known from the run's configuration. */
  private model = '';
  /** The names and shapes of the model's own parameters (null: the line's w and b). */
  private layout: ParameterLayout | null = null;
  /** While a saved run is being rebuilt in the worker, its history and log are already on screen. */
  private restoring = false;
  private readonly lrWarning: LrWarningView;

  constructor(
    private readonly host: RunHost,
    private readonly views: RunViews,
  ) {
    this.logged = host.settings();
    this.lrWarning = new LrWarningView((lr) => host.useLearningRate(lr, false));
  }

  /** Puts a saved run back on screen; `rebuilding` when the worker is about to replay it. */
  restore(saved: PanelState, rebuilding: boolean): void {
    const { charts, log } = this.views;
    this.changes = saved.changes;
    this.status = saved.status;
    this.logged = saved.settings;
    this.history = saved.history ? RunHistory.from(saved.history, saved.paramNames, saved.initialParams) : null;
    log.replace(saved.log.filter((line) => !line.startsWith(RESTORED_NOTE)));
    const h = this.history;
    if (h?.hasGaps)
      log.append(
        `${RESTORED_NOTE} the panel kept ${h.length} of the ${h.epochsDone} epochs it had run: the charts and the CSV export show those`,
      );
    charts.newRun(saved.paramNames, saved.initialParams, saved.settings);
    if (this.history) charts.append(this.history, this.history, saved.settings);
    this.restoring = rebuilding;
  }

  receive(m: FromWorker): void {
    switch (m.type) {
      case 'configured':
        this.onConfigured(m);
        return;
      case 'landscape':
        this.views.charts.setLandscape(m, this.history);
        return;
      case 'boundary':
        this.views.charts.setBoundary(m);
        return;
      case 'curve':
        this.views.charts.setCurve(m);
        return;
      case 'epochs':
        this.onEpochs(m);
        return;
      case 'phases':
        this.views.phases.start(m, this.host.settings());
        return;
      case 'gradients':
        this.views.parameters.show(m);
        return;
      case 'overlays':
        this.views.charts.setOverlays(m.runs, m.note);
        return;
      case 'state':
        this.onState(m.state);
        return;
      case 'lrWarning':
        this.lrWarning.show(m.warning);
        return;
      case 'critical':
        this.criticalLr = m.criticalLr;
        this.handWrittenGradient = m.handWritten;
        this.views.charts.setCritical(m.criticalLr, m.handWritten);
        return;
      case 'checkpoint':
        this.onCheckpoint(m.changes);
        return;
      case 'prediction':
        if (m.purpose === 'query') {
          element('predict-out').textContent = `f(${m.x.join(', ')}) = ${formatFixed(m.y, 3)}`;
        } else if (!this.restoring) {
          this.views.log.append(
            formatPrediction(m.purpose, m.x.length === 1 ? m.x[0] : Number.NaN, m.y).replace(
              'f(NaN)',
              `f(${m.x.join(', ')})`,
            ),
          );
          this.host.saveNow();
        }
        return;
      case 'dataError':
        this.restoring = false;
        this.views.banner.show('error', `Could not read the data: ${m.message}`);
        this.views.log.append(`# data error: ${m.message}`);
        element('status').textContent = 'data error';
        return;
      case 'error':
        this.restoring = false;
        this.views.banner.show('error', m.message);
        this.views.log.append(`# error: ${m.message}`);
        return;
    }
  }

  private onConfigured(m: Extract<FromWorker, { type: 'configured' }>): void {
    const { charts, log, phases, banner } = this.views;
    const settings = this.host.settings();
    const named = m.params.named;
    this.layout = named ? Object.entries(named).map(([name, p]) => ({ name, shape: p.shape })) : null;
    this.model = modelText(m.data.d, settings.bias, m.modelExpr ?? settings.modelExpr);
    this.criticalLr = m.criticalLr;
    this.handWrittenGradient = settings.gradient !== 'autograd';
    // the palette's "Train Linear Model" opens the panel; a model with its own parameters is no longer a line
    element('panel-title').textContent = named ? 'Train a Model' : 'Train Linear Model';
    element('model-label').textContent = `${this.model} on ${m.data.label} (N = ${m.data.n.toLocaleString('en-US')})`;
    const line = [...m.params.w, ...(m.params.b === null ? [] : [m.params.b])];
    element('model-params').textContent = this.layout
      ? parameterCountText(this.layout)
      : `${line.length} parameter${line.length === 1 ? '' : 's'}`;
    charts.showData(m.data, m.criticalLr, this.handWrittenGradient);
    if (!this.restoring) {
      const names = this.layout ? namedParameterNames(this.layout) : parameterNames(m.data.d, settings.bias);
      const initial = named ? Object.values(named).flatMap((p) => p.values) : line;
      phases.clear();
      this.views.parameters.clear();
      this.history = new RunHistory(names.length, names, initial);
      this.changes = [];
      charts.newRun(names, initial, settings, !named);
      log.replace([this.header(settings)]);
      this.logged = settings;
      banner.hide();
    }
    this.host.saveNow();
  }

  private onEpochs(batch: EpochBatch): void {
    const history = this.history;
    if (!history || batch.stride !== history.stride) return;
    const settings = this.host.settings();
    history.append(batch);
    this.views.charts.append(batch, history, settings);
    const n = batch.epoch.length;
    if (n)
      this.views.phases.stepped(
        batch.epoch[n - 1],
        Array.from(batch.params.subarray((n - 1) * batch.stride)),
        settings,
      );
    this.views.log.append(...epochLines(batch, settings, this.layout));
    this.host.saveSoon();
  }

  private onCheckpoint(changes: PanelState['changes']): void {
    const added = changes.filter(
      (c) =>
        !this.changes.some((o) => o.epoch === c.epoch && JSON.stringify(o.settings) === JSON.stringify(c.settings)),
    );
    this.changes = changes;
    for (const c of this.restoring ? [] : added) {
      // before the first epoch the run simply has these settings: its header says so, no "from epoch 0" note
      if (c.epoch > 0 || !this.rewriteHeader(c.settings))
        this.views.log.append(`# from epoch ${c.epoch}: ${changeText(this.logged, c.settings)}`);
      this.logged = c.settings;
    }
    this.host.saveNow();
  }

  /** The log's first line: the model and how it is trained. */
  private header(settings: TrainingChoices): string {
    return `# ${this.model}, ${runText(settings)}`;
  }

  /** Describes the run afresh in the log's first line; false when that line is not the run's header. */
  private rewriteHeader(settings: TrainingChoices): boolean {
    const [first, ...rest] = this.views.log.text;
    if (first !== this.header(this.logged)) return false;
    this.views.log.replace([this.header(settings), ...rest]);
    return true;
  }

  private onState(state: SessionState): void {
    const settings = this.host.settings();
    this.restoring = false;
    this.status = state;
    const over = state.kind === 'done' || state.kind === 'diverged';
    const play = element<HTMLButtonElement>('play');
    play.textContent = state.kind === 'running' ? 'Pause' : over ? 'Run again' : 'Play';
    play.setAttribute('aria-pressed', String(state.kind === 'running'));
    element('status').textContent = statusText(state, settings.epochs);
    element('status').dataset.kind = state.kind;
    element<HTMLButtonElement>('step').disabled = over;
    element<HTMLButtonElement>('phases').disabled = over;
    if (state.kind === 'diverged') {
      this.views.charts.markStop(state.epoch, state.cause);
      const text = stopText(state, settings.lr, this.criticalLr, this.handWrittenGradient);
      const safer = this.criticalLr === null ? settings.lr / 10 : saferLearningRate(this.criticalLr);
      // A smaller learning rate is the remedy only for a divergence.
      const action =
        state.cause === 'diverged'
          ? { label: `Reset with lr = ${safer}`, run: () => this.host.useLearningRate(safer, true) }
          : undefined;
      this.views.banner.show('error', text, action);
      this.views.log.append(`# ${text}`);
    }
    this.host.saveNow();
  }
}
