// The worker's side of the trainer: owns the training session, runs it in short slices paced to the
// chosen speed, and posts finished epochs in batches (at most ~30 a second, typed arrays transferred),
// and the parameters with their gradients a few times a second and at every start and stop.
// No DOM and no `self`: the worker entry passes a port and a clock, and tests drive it in Node.
import { needsRestart, trainingChoices, type TrainerSettings } from '../../protocol/trainerSettings';
import {
  transferablesOf,
  type AppliedChange,
  type FromWorker,
  type PredictionPurpose,
  type ToWorker,
} from '../../protocol/workerMessages';
import { createSession, learningRateWarning } from '../../train';
import type { EpochEvent, TrainingSessionApi } from '../../train/types';
import type { Dataset } from '../../train/types';
import { compareRuns } from '../../train/trainer/compareRuns';
import { packEpochs, strideOf } from '../../train/trainer/epochBatch';
import { epochPhases } from '../../train/trainer/epochPhases';
import { dataSummary } from '../../train/trainer/dataSummary';
import { landscapeOf } from '../../train/trainer/landscape';
import { boundaryOf, boundaryScale, curveOf, planeOf, type Plane } from '../../train/trainer/modelView';
import { parameterGradients } from '../../train/trainer/parameterGradients';
import { gradientSource, liveConfig, panelModel, trainConfig } from '../../train/trainer/sessionConfig';
import { trainerGraph } from '../../train/trainer/trainerGraph';
import { panelPytorchScript } from '../../train/trainer/pytorchExport';
import { buildDataset } from './dataSource';
import { GradientPacer } from './gradientPacer';
import { errorMessage } from '../../common/result';

interface WorkerPort {
  post(message: FromWorker, transfer: Transferable[]): void;
}
interface Clock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** Time a slice may take: short enough that pause, step and lr changes answer at once. */
const SLICE_MS = 12;
/** Epochs reach the page at most this often, whatever the epoch rate. */
const FLUSH_MS = 33;

export class TrainerDriver {
  private session: TrainingSessionApi | null = null;
  private settings: TrainerSettings | null = null;
  private dataset: Dataset | null = null;
  private changes: AppliedChange[] = [];
  /** The plane the decision boundary is drawn over (two features), fixed for the run. */
  private plane: Plane | null = null;
  private playing = false;
  private pending: EpochEvent[] = [];
  private lastFlush = 0;
  private tick: unknown = null;
  /** Pacing: epochs done and the time when play (or the last speed change) started. */
  private paceStart = 0;
  private paceEpochs = 0;
  private readonly gradientPacer = new GradientPacer();

  constructor(
    private readonly port: WorkerPort,
    private readonly clock: Clock,
  ) {}

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'configure':
        this.configure(message.settings, message.resume);
        return;
      case 'settings':
        this.applySettings(message.settings);
        return;
      case 'play':
        this.play();
        return;
      case 'pause':
        this.pause();
        return;
      case 'step':
        this.step();
        return;
      case 'reset':
        if (this.settings) this.configure(this.settings);
        return;
      case 'predict':
        this.predict(message.x, message.purpose);
        return;
      case 'phases':
        this.phases();
        return;
      case 'graph':
        this.graph();
        return;
      case 'pytorchScript':
        this.pytorchScript(message.title);
        return;
    }
  }

  /** The run as a PyTorch script, as Reset would start it now, or why there is none. */
  private pytorchScript(title: string): void {
    if (!this.session || !this.settings || !this.dataset) {
      this.post({ type: 'exportRefused', message: 'No PyTorch script: there is no run to export (see the log).' });
      return;
    }
    const changed = this.changes.filter((c) => c.epoch > 0).map((c) => c.epoch);
    const script = panelPytorchScript(this.settings, this.dataset, title, changed.length ? Math.min(...changed) : null);
    this.post(
      script.ok ? { type: 'pytorchScript', ...script.value } : { type: 'exportRefused', message: script.error.message },
    );
  }

  private graph(): void {
    const s = this.session;
    if (!s || !this.dataset || !this.settings) return;
    const graph = trainerGraph(this.dataset, this.settings, s.params);
    this.post(
      graph.ok
        ? { type: 'graph', epoch: s.history.length, graph: graph.value }
        : { type: 'graphError', message: graph.error.message },
    );
  }

  private post(message: FromWorker): void {
    this.port.post(message, transferablesOf(message));
  }

  private configure(settings: TrainerSettings, resume?: { changes: AppliedChange[]; epoch: number }): void {
    this.startSession(settings, resume);
    this.postLrWarning();
  }

  private startSession(settings: TrainerSettings, resume?: { changes: AppliedChange[]; epoch: number }): void {
    this.stop();
    this.session = null;
    this.settings = settings;
    this.changes = [];
    this.pending = [];
    const built = buildDataset(settings.source);
    if (!built.ok) {
      const { message, line, column } = built.error;
      this.post({
        type: 'dataError',
        message,
        ...(line === undefined ? {} : { line }),
        ...(column === undefined ? {} : { column }),
      });
      return;
    }
    const { dataset } = built.value;
    this.dataset = dataset;
    try {
      this.session = createSession(trainConfig(settings, dataset));
    } catch (e) {
      this.post({ type: 'error', message: errorMessage(e) });
      return;
    }
    this.post({
      type: 'configured',
      data: dataSummary(dataset, built.value.label),
      params: this.session.params,
      criticalLr: this.session.criticalLearningRate(),
      modelExpr: this.session.config.modelExpr ?? null,
    });
    const landscape = landscapeOf(dataset, settings, this.session.params);
    if (landscape) this.post(landscape);
    this.plane = dataset.d === 2 ? planeOf(dataset) : null;
    if (dataset.d === 1) this.predict([settings.predictAt], 'before');
    if (resume) this.replay(resume.changes, resume.epoch);
    this.postModelView();
    this.postGradients();
    this.postState();
    if (settings.compare !== 'none') this.postOverlays();
  }

  /** Trains the comparison runs for the current settings and sends them whole. */
  private postOverlays(): void {
    if (!this.settings || !this.dataset) return;
    try {
      this.post({ type: 'overlays', ...compareRuns(this.settings, this.dataset) });
    } catch (e) {
      this.post({ type: 'overlays', runs: [], note: `Comparison failed: ${errorMessage(e)}` });
    }
  }

  /** Rebuilds a saved run by running it again with its live changes at the same epochs (it is deterministic). */
  private replay(changes: AppliedChange[], epoch: number): void {
    const session = this.session;
    if (!session) return;
    const queue = [...changes].sort((a, b) => a.epoch - b.epoch);
    while (session.history.length < epoch && session.state.kind !== 'diverged' && session.state.kind !== 'done') {
      while (queue.length && queue[0].epoch <= session.history.length) this.applyChange(queue.shift()!);
      if (!session.step()) break;
    }
    for (const change of queue) this.applyChange(change);
    session.pause();
    this.post({ type: 'checkpoint', changes: this.changes });
  }

  private applySettings(next: TrainerSettings): void {
    const previous = this.settings;
    if (
      !previous ||
      !this.session ||
      needsRestart(previous, next) ||
      this.newGradientBeforeTraining(previous, next) ||
      this.newModel(previous, next)
    ) {
      this.configure(next);
      return;
    }
    const wasPlaying = this.playing;
    const liveChanged = JSON.stringify(liveConfig(previous)) !== JSON.stringify(liveConfig(next));
    if (liveChanged) {
      const critical = this.session.criticalLearningRate();
      try {
        this.applyLive(next);
      } catch (e) {
        this.post({ type: 'error', message: errorMessage(e) });
        return;
      }
      // a gradient or loss switched mid-run has its own limit: the caption and the divergence advice follow it
      const nextCritical = this.session.criticalLearningRate();
      if (nextCritical !== critical || previous.gradient !== next.gradient) {
        this.post({ type: 'critical', criticalLr: nextCritical, handWritten: next.gradient !== 'autograd' });
      }
      this.post({ type: 'checkpoint', changes: this.changes });
      this.postGradients(); // a new loss is a new gradient at the same parameters
      this.postState();
      this.postLrWarning();
    } else {
      this.settings = next;
    }
    if (previous.speed !== next.speed) this.restartPace();
    const compareChanged = previous.compare !== next.compare || (next.compare !== 'none' && liveChanged);
    if (compareChanged) this.postOverlays();
    if (wasPlaying && this.session.state.kind !== 'done' && this.session.state.kind !== 'diverged') this.schedule(0);
  }

  /**
   * A gradient chosen before the first epoch starts the run afresh, so the page learns that gradient's own
   * critical rate (the tutorial's hand-written one: 1/30, not the loss's 2/15) and the log's header names it.
   */
  private newGradientBeforeTraining(previous: TrainerSettings, next: TrainerSettings): boolean {
    return (
      this.session?.state.kind === 'idle' &&
      JSON.stringify(gradientSource(previous)) !== JSON.stringify(gradientSource(next))
    );
  }

  /** A preset whose expression follows the loss (an MLP under bce ends in a sigmoid) is a new model when the loss changes. */
  private newModel(previous: TrainerSettings, next: TrainerSettings): boolean {
    const d = this.dataset?.d ?? 1;
    try {
      return JSON.stringify(panelModel(previous, d)) !== JSON.stringify(panelModel(next, d));
    } catch {
      return true; // a preset that does not parse: the restart says why
    }
  }

  /**
   * What the model computes over its inputs, for the page to draw: the boundary over the plane of two
   * features, or the curve of a one-feature model with parameters of its own (the line draws itself).
   */
  private postModelView(): void {
    const s = this.session;
    if (!s || !this.settings || !this.dataset) return;
    try {
      if (this.plane) this.post(boundaryOf(s, this.plane, boundaryScale(s)));
      else if (this.dataset.d === 1 && s.params.named) this.post(curveOf(s, this.dataset));
    } catch (e) {
      this.post({ type: 'error', message: `Could not draw the model: ${errorMessage(e)}` });
    }
  }

  private applyLive(next: TrainerSettings): void {
    const session = this.session!;
    session.update(liveConfig(next));
    this.settings = next;
    const epoch = session.history.length;
    // Several changes before one epoch collapse into the last one.
    this.changes = [...this.changes.filter((c) => c.epoch !== epoch), { epoch, settings: trainingChoices(next) }];
  }

  /** A saved change replayed: its choices on the run's own data. */
  private applyChange(change: AppliedChange): void {
    this.applyLive({ ...change.settings, source: this.settings!.source });
  }

  private play(): void {
    const s = this.session;
    if (!s || s.state.kind === 'done' || s.state.kind === 'diverged') return;
    this.playing = true;
    this.restartPace();
    this.post({ type: 'state', state: { kind: 'running', epoch: s.history.length } });
    this.schedule(0);
  }

  private pause(): void {
    this.stop();
    this.session?.pause();
    this.flush();
    this.postGradients();
    this.postState();
  }

  private step(): void {
    this.stop();
    const s = this.session;
    if (!s) return;
    s.pause();
    const event = s.step();
    if (event) this.pending.push(event);
    this.flush();
    this.postGradients();
    this.afterWork();
  }

  private phases(): void {
    const s = this.session;
    if (!s || !this.settings || !this.dataset) return;
    if (this.playing) this.pause();
    if (this.settings.modelExpr || this.settings.lossExpr) {
      this.post({
        type: 'error',
        message: 'The phases view shows the linear model with a built-in loss; this run uses a custom model or loss.',
      });
      return;
    }
    try {
      this.post(epochPhases(this.dataset, this.settings, s.params, s.history.length));
    } catch (e) {
      this.post({ type: 'error', message: errorMessage(e) });
    }
  }

  private predict(x: number[], purpose: PredictionPurpose): void {
    const s = this.session;
    if (!s) return;
    try {
      this.post({ type: 'prediction', x, y: s.predict(x), purpose });
    } catch (e) {
      this.post({ type: 'error', message: errorMessage(e) });
    }
  }

  private stop(): void {
    this.playing = false;
    if (this.tick !== null) this.clock.cancel(this.tick);
    this.tick = null;
  }

  private restartPace(): void {
    this.paceStart = this.clock.now();
    this.paceEpochs = 0;
  }

  private schedule(ms: number): void {
    if (this.tick !== null) this.clock.cancel(this.tick);
    this.tick = this.clock.later(() => {
      this.tick = null;
      this.runSlice();
    }, ms);
  }

  /** One slice of training: as many epochs as the speed allows (or fit in SLICE_MS), then yield. */
  private runSlice(): void {
    const s = this.session;
    const speed = this.settings?.speed ?? null;
    if (!s || !this.playing) return;
    let allowed = Number.POSITIVE_INFINITY;
    if (speed !== null) {
      const due = Math.floor(((this.clock.now() - this.paceStart) * speed) / 1000) + 1;
      allowed = due - this.paceEpochs;
      if (allowed <= 0) {
        this.schedule(Math.max(1, (this.paceEpochs * 1000) / speed - (this.clock.now() - this.paceStart)));
        return;
      }
    }
    const events = s.runSlice(allowed, SLICE_MS);
    this.paceEpochs += events.length;
    this.pending.push(...events);
    if (this.clock.now() - this.lastFlush >= FLUSH_MS) {
      this.flush();
      if (this.gradientPacer.due(this.clock.now())) this.postGradients();
    }
    if (s.state.kind === 'done' || s.state.kind === 'diverged') {
      this.playing = false;
      this.flush();
      this.postGradients();
      this.afterWork();
      return;
    }
    this.schedule(
      speed === null ? 0 : Math.max(0, (this.paceEpochs * 1000) / speed - (this.clock.now() - this.paceStart)),
    );
  }

  /** After a step or the end of a run: the state, and the final prediction when training finished. */
  private afterWork(): void {
    this.postState();
    const s = this.session;
    if (s && s.state.kind === 'done' && this.settings && this.dataset?.d === 1)
      this.predict([this.settings.predictAt], 'after');
  }

  private flush(): void {
    this.lastFlush = this.clock.now();
    if (!this.pending.length) return;
    const events = this.pending;
    this.pending = [];
    this.post({ type: 'epochs', ...packEpochs(events, strideOf(events[0])) });
    this.postModelView();
  }

  /**
   * The parameters with autograd's gradient of the loss at them, for the Parameters card. Between an
   * epoch's mini-batches there is none to send; the pacer then lets the next flush try again.
   */
  private postGradients(): void {
    const s = this.session;
    if (!s) return;
    const start = this.clock.now();
    try {
      const message = parameterGradients(s);
      if (!message) return;
      this.post(message);
    } catch (e) {
      this.post({ type: 'error', message: `Could not compute the gradients: ${errorMessage(e)}` });
    }
    const end = this.clock.now();
    this.gradientPacer.sent(end, end - start);
  }

  /**
   * Known before the first epoch: a learning rate above 2/λmax (or the optimizer's limit) diverges. From the
   * panel's settings rather than session.config, which takes a change mid-epoch only at the epoch's end.
   */
  private postLrWarning(): void {
    const s = this.session;
    const settings = this.settings;
    this.post({
      type: 'lrWarning',
      warning: s && settings ? learningRateWarning({ ...s.config, ...liveConfig(settings) }) : null,
    });
  }

  private postState(): void {
    const s = this.session;
    if (s) this.post({ type: 'state', state: s.state });
  }
}
