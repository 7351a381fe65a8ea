// `autograd-lab train`: parse, load the data, run a session to the end, print the table or one JSON object.
import {
  createSession,
  formatEpochLine,
  formatFinalLine,
  formatPrediction,
  learningRateWarning,
  type EpochEvent,
  type Params,
  type TrainConfig,
  type TrainingSessionApi,
} from '../train';
import { parseTrainArgs, UsageError, type TrainRequest } from './args';
import { describeData, loadData } from './data';
import { handGradientWarning } from './gradientWarning';
import { trainHelp } from './help';
import type { CliIo } from './io';

const EXIT_DIVERGED = 3;

type TrainRun = Extract<TrainRequest, { kind: 'train' }>;

function jsonReport(request: TrainRun, session: TrainingSessionApi): string {
  // The session's config: a model expression that uses b turns the bias on.
  const { data, ...settings } = session.config;
  const snapshot = (e: EpochEvent): { epoch: number; loss: number; params: Params } => ({
    epoch: e.epoch,
    loss: e.loss,
    params: e.params,
  });
  const state = session.state;
  return `${JSON.stringify({
    config: { data: describeData(request.data, data), ...settings },
    history: session.history.map(snapshot),
    final: { loss: session.currentLoss(), params: session.params },
    diverged: state.kind === 'diverged' ? { epoch: state.epoch, reason: state.reason } : null,
  })}\n`;
}

function checkPoint(point: number[] | null, d: number): void {
  if (point !== null && point.length !== d) {
    throw new UsageError(
      `--predict has ${point.length} value${point.length === 1 ? '' : 's'} but the model has ${d} feature${d === 1 ? '' : 's'}`,
    );
  }
}

/** The tutorial's layout: the prediction before, every K-th epoch as it finishes, the prediction after. */
function printTable(request: TrainRun, session: TrainingSessionApi, io: CliIo): void {
  const say = (line: string): void => io.stdout(`${line}\n`);
  const point = request.predict;
  const prediction = (label: 'before' | 'after', at: number[]): string =>
    formatPrediction(label, at.length === 1 ? at[0] : at, session.predict(at));
  if (point) say(prediction('before', point));
  session.on((event) => {
    if (event.epoch % request.every === 0) say(formatEpochLine(event));
  });
  session.run();
  if (session.state.kind === 'diverged') return;
  say(
    point ? prediction('after', point) : formatFinalLine(session.history.length, session.params, session.currentLoss()),
  );
}

export async function runTrain(
  args: string[],
  io: CliIo,
  runTutorialNumpy?: (io: CliIo) => Promise<number>,
): Promise<number> {
  const request = parseTrainArgs(args);
  if (request.kind === 'help') {
    io.stdout(trainHelp);
    return 0;
  }
  if (request.kind === 'tutorial-numpy') {
    if (!runTutorialNumpy) throw new UsageError('--example tutorial-numpy is not available in this build');
    return runTutorialNumpy(io);
  }
  const config: TrainConfig = { ...request.settings, data: loadData(request.data, io) };
  checkPoint(request.predict, config.data.d);
  const session = createSession(config);
  const warning = handGradientWarning(session.config, session.params);
  // Training stays PyTorch-faithful (it runs until a value stops being finite), but says so up front.
  const unstable = learningRateWarning(session.config);
  if (unstable) io.stderr(`warning: ${unstable.message}\n`);
  if (request.json) {
    session.run();
    io.stdout(jsonReport(request, session));
    if (warning) io.stderr(`${warning}\n`);
  } else {
    printTable(request, session, io);
    if (warning) io.stdout(`\n${warning}\n`);
  }
  const state = session.state;
  if (state.kind !== 'diverged') return 0;
  io.stderr(`autograd-lab train: training diverged at epoch ${state.epoch}: ${state.reason}; ${state.advice}\n`);
  return EXIT_DIVERGED;
}
