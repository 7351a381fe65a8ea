// `autograd-lab train`: parse, load the data, run a session to the end, print the table or one JSON object.
import {
  createSession,
  ModelShapeError,
  nestValues,
  OpenShapeError,
  presetModel,
  formatEpochLine,
  formatFinalLine,
  formatPrediction,
  learningRateWarning,
  pytorchScript,
  type EpochEvent,
  type Params,
  type ParameterValue,
  type TrainConfig,
  type TrainingSessionApi,
} from '../train';
import { caretExcerpt, parseTrainArgs, UsageError, type TrainRequest } from './args';
import { describeData, loadData } from './data';
import { pytorchRun } from './exportRun';
import { handGradientWarning } from './gradientWarning';
import { trainHelp } from './help';
import type { CliIo } from './io';

/** Training ended early: it diverged, or the model or loss gave values the loss cannot take (help.ts). */
const EXIT_STOPPED = 3;

type TrainRun = Extract<TrainRequest, { kind: 'train' }>;

/** Parameters by name as nested lists ({"W1": [[...]], "b2": 0.1}); the linear model's stay {"w": [...], "b"}. */
function jsonParams(params: Params): Params | Record<string, ParameterValue> {
  if (!params.named) return params;
  return Object.fromEntries(Object.entries(params.named).map(([name, value]) => [name, nestValues(value)]));
}

/** Every parameter's shape by name: [] for a number. */
function jsonShapes(params: Params): Record<string, number[]> {
  if (params.named) return Object.fromEntries(Object.entries(params.named).map(([name, p]) => [name, p.shape]));
  return { w: [params.w.length], ...(params.b === null ? {} : { b: [] }) };
}

function jsonReport(request: TrainRun, session: TrainingSessionApi): string {
  // The session's config: a model expression that uses b turns the bias on.
  const { data, initialParams, ...settings } = session.config;
  void initialParams; // the values file is named, not copied
  const snapshot = (e: EpochEvent) => ({
    epoch: e.epoch,
    loss: e.loss,
    ...(e.accuracy === undefined ? {} : { accuracy: e.accuracy }),
    params: jsonParams(e.params),
  });
  const state = session.state;
  const origin = {
    ...(request.preset ? { preset: request.presetText } : {}),
    ...(request.paramsFile ? { paramsFile: request.paramsFile } : {}),
  };
  return `${JSON.stringify({
    config: { data: describeData(request.data, data), ...settings, ...origin },
    shapes: jsonShapes(session.params),
    history: session.history.map(snapshot),
    final: { loss: session.currentLoss(), params: jsonParams(session.params) },
    diverged: state.kind === 'diverged' ? { epoch: state.epoch, cause: state.cause, reason: state.reason } : null,
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
  if (request.preset) say(`model: ${session.config.modelExpr} (${request.presetText})`);
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

/** --params FILE: a JSON object of values by name; the values' shapes are checked by the session. */
function readParams(path: string, io: CliIo): Record<string, ParameterValue> {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new UsageError(`cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--params ${path}: not JSON: ${(e as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UsageError(`--params ${path}: expected an object of values by name, such as {"w": [0.5], "b": 0.1}`);
  return value as Record<string, ParameterValue>;
}

/** The session, with a model's shape problems said against --model and with the flags that fix them. */
function startSession(config: TrainConfig): TrainingSessionApi {
  try {
    return createSession(config);
  } catch (e) {
    if (e instanceof ModelShapeError)
      throw new UsageError(`--model: ${e.problem} (column ${e.column})`, caretExcerpt(e.text, e.line, e.column));
    if (e instanceof OpenShapeError) {
      const { name, shape } = e.open[0].parameters[0];
      const example = shape.replace('?', 'H').replace(/ x /g, 'x');
      throw new UsageError(
        `--model: ${e.message}; give ${e.open.length === 1 ? 'it' : 'them'} with --hidden H, --shape ${name}=${example} or --params FILE`,
      );
    }
    throw e;
  }
}

/** The command as typed, quoted where a shell would need it: the script's first comment. */
const commandLine = (args: string[]): string =>
  [
    'autograd-lab',
    'train',
    ...args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)),
  ].join(' ');

/** --export-pytorch FILE.py: the script, from the session's first values, written before training moves them. */
function exportPytorch(path: string, request: TrainRun, session: TrainingSessionApi, args: string[], io: CliIo): void {
  const script = pytorchScript(pytorchRun(request, session, commandLine(args), io.cwd));
  try {
    io.writeFile(path, script);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const reasons: Record<string, string> = {
      ENOENT: 'no such directory',
      EACCES: 'permission denied',
      EISDIR: 'is a directory',
    };
    throw new UsageError(`--export-pytorch: cannot write ${path}: ${reasons[code ?? ''] ?? (e as Error).message}`);
  }
  io.stderr(`wrote ${path}: run it with python to train the same model in PyTorch\n`);
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
  const data = await loadData(request.data, request.settings.dtype, io);
  const config: TrainConfig = {
    ...request.settings,
    ...(request.preset ? presetModel(request.preset, data.d, request.settings.loss) : {}),
    ...(request.paramsFile === null ? {} : { initialParams: readParams(request.paramsFile, io) }),
    data,
  };
  checkPoint(request.predict, config.data.d);
  const session = startSession(config);
  if (request.exportPytorch !== null) exportPytorch(request.exportPytorch, request, session, args, io);
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
  // Only a divergence is one: values the loss cannot take stop the run, whatever the learning rate.
  const ended = state.cause === 'diverged' ? 'diverged' : 'stopped';
  io.stderr(`autograd-lab train: training ${ended} at epoch ${state.epoch}: ${state.reason}; ${state.advice}\n`);
  return EXIT_STOPPED;
}
