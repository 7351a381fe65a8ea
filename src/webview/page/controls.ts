// The settings form: writes TrainerSettings into the controls, reads them back, and says which field
// is wrong (marked aria-invalid, with its message) instead of sending a bad value to the worker.
import { failure, ok, type Result, type UserError } from '../../common/result';
import type { DataSource, TrainerSettings } from '../../protocol/trainerSettings';
import { MODELS } from './layout';

export function element<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the panel has no #${id}`);
  return el as T;
}

const input = (id: string) => element<HTMLInputElement>(id);
const select = (id: string) => element<HTMLSelectElement>(id);

/** A form error always names its field (the control's id). */
type FieldProblem = UserError & { field: string };

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function numberFrom(
  id: string,
  label: string,
  opts: { min?: number; max?: number; integer?: boolean; above?: number } = {},
): number {
  const text = input(id).value.trim();
  const value = Number(text);
  if (text === '' || !Number.isFinite(value)) throw new FieldError(id, `${label}: enter a number`);
  if (opts.integer && !Number.isInteger(value)) throw new FieldError(id, `${label}: enter a whole number`);
  if (opts.min !== undefined && value < opts.min) throw new FieldError(id, `${label}: must be at least ${opts.min}`);
  if (opts.above !== undefined && value <= opts.above)
    throw new FieldError(id, `${label}: must be above ${opts.above}`);
  if (opts.max !== undefined && value > opts.max) throw new FieldError(id, `${label}: must be at most ${opts.max}`);
  return value;
}

/** Reads the form over `base` (which supplies what the form does not show: inline data, file text). */
export function readForm(base: TrainerSettings): Result<TrainerSettings, FieldProblem> {
  try {
    const batchText = input('batch-size').value.trim();
    const batchSize = batchText === '' ? null : numberFrom('batch-size', 'Batch size', { integer: true, min: 1 });
    const kind = select('source').value as DataSource['kind'];
    let source: DataSource = base.source;
    if (kind === 'tutorial') source = { kind };
    if (kind === 'synthetic') {
      const d = numberFrom('syn-d', 'Features D', { integer: true, min: 1, max: 64 });
      const weightsText = input('syn-weights').value.trim();
      const weights = weightsText === '' ? [] : weightsText.split(/[\s,]+/).map(Number);
      if (weights.some((w) => !Number.isFinite(w)))
        throw new FieldError('syn-weights', 'True weights: enter numbers separated by commas');
      while (weights.length < d) weights.push(weights.length === 0 ? 2 : -weights[weights.length - 1] / 2);
      source = {
        kind,
        d,
        weights: weights.slice(0, d),
        n: numberFrom('syn-n', 'Samples N', { integer: true, min: 1, max: 5_000_000 }),
        noise: numberFrom('syn-noise', 'Noise', { min: 0 }),
        bias: numberFrom('syn-bias', 'True bias'),
        seed: numberFrom('syn-seed', 'Data seed', { integer: true }),
      };
    }
    if (kind === 'shape') {
      source = {
        kind,
        shape: select('shape').value as Extract<DataSource, { kind: 'shape' }>['shape'],
        n: numberFrom('shape-n', 'Points N', { integer: true, min: 2, max: 100_000 }),
        noise: numberFrom('shape-noise', 'Noise σ', { min: 0 }),
        seed: numberFrom('shape-seed', 'Data seed', { integer: true }),
      };
    }
    if (kind === 'file' && base.source.kind === 'file') source = { ...base.source, target: select('target').value };
    const settings: TrainerSettings = {
      ...base,
      source,
      bias: input('bias').checked,
      init: select('init').value as TrainerSettings['init'],
      dtype: select('dtype').value as TrainerSettings['dtype'],
      loss: select('loss').value as TrainerSettings['loss'],
      reduction: select('reduction').value as TrainerSettings['reduction'],
      huberDelta: numberFrom('huber-delta', 'Huber δ', { above: 0 }),
      optimizer: select('optimizer').value as TrainerSettings['optimizer'],
      lr: numberFrom('lr', 'Learning rate', { min: 0 }),
      momentum: numberFrom('momentum', 'Momentum', { min: 0, max: 1 }),
      nesterov: input('nesterov').checked,
      beta1: numberFrom('beta1', 'β₁', { min: 0, max: 1 }),
      beta2: numberFrom('beta2', 'β₂', { min: 0, max: 1 }),
      eps: numberFrom('eps', 'ε', { above: 0 }),
      weightDecay: numberFrom('weight-decay', 'Weight decay', { min: 0 }),
      epochs: numberFrom('epochs', 'Epochs', { integer: true, min: 1, max: 1_000_000 }),
      batchSize,
      seed: numberFrom('seed', 'Seed', { integer: true }),
      gradient: select('gradient').value as TrainerSettings['gradient'],
      gradientText: input('gradient-text').value,
      speed: select('speed').value === 'max' ? null : Number(select('speed').value),
      logEvery: numberFrom('log-every', 'Log every', { integer: true, min: 1 }),
      lossScale: select('loss-scale').value as TrainerSettings['lossScale'],
      compare: select('compare').value as TrainerSettings['compare'],
    };
    const model = modelFromForm();
    if (model === undefined) delete settings.modelExpr;
    else settings.modelExpr = model;
    // The loss written in the editor stays until a built-in loss is picked in its place.
    if (select('loss').value === LOSS_FROM_EDITOR) settings.loss = base.loss;
    else delete settings.lossExpr;
    return ok(settings);
  } catch (e) {
    if (e instanceof FieldError) return failure({ field: e.field, message: e.message });
    throw e;
  }
}

/** The model the picker names: undefined for the line, else a preset or an expression. */
function modelFromForm(): string | undefined {
  const choice = select('model').value;
  if (choice === '') return undefined;
  if (choice !== 'custom') return choice;
  const text = input('model-text').value.trim();
  if (!text) throw new FieldError('model-text', 'f(x): enter a preset (mlp:16,16) or an expression of x');
  return text;
}

/** The Loss select's entry for a loss written in the editor, which the run trains instead of a built-in one. */
const LOSS_FROM_EDITOR = 'editor';

/** The Loss select shows what the run trains: the editor's loss expression when there is one. */
function showLoss(s: TrainerSettings): void {
  removeEditorLoss();
  if (s.lossExpr === undefined) {
    setSelect('loss', s.loss);
    return;
  }
  const el = select('loss');
  el.add(new Option(`from the editor: ${s.lossExpr}`, LOSS_FROM_EDITOR));
  el.value = LOSS_FROM_EDITOR;
}

/** Once a built-in loss replaced the editor's, the select no longer offers the editor's. */
function removeEditorLoss(): void {
  Array.from(select('loss').options)
    .filter((o) => o.value === LOSS_FROM_EDITOR)
    .forEach((o) => o.remove());
}

function setSelect(id: string, value: string): void {
  const el = select(id);
  if (!Array.from(el.options).some((o) => o.value === value)) el.add(new Option(value, value));
  el.value = value;
}

export function writeForm(s: TrainerSettings): void {
  setSelect('source', s.source.kind);
  const synthetic =
    s.source.kind === 'synthetic' ? s.source : { n: 1000, d: 1, noise: 0.5, weights: [2], bias: 1, seed: 1 };
  input('syn-n').value = String(synthetic.n);
  input('syn-d').value = String(synthetic.d);
  input('syn-noise').value = String(synthetic.noise);
  input('syn-weights').value = synthetic.weights.join(', ');
  input('syn-bias').value = String(synthetic.bias);
  input('syn-seed').value = String(synthetic.seed);
  const shape = s.source.kind === 'shape' ? s.source : { shape: 'moons', n: 100, noise: 0.1, seed: 1 };
  setSelect('shape', shape.shape);
  input('shape-n').value = String(shape.n);
  input('shape-noise').value = String(shape.noise);
  input('shape-seed').value = String(shape.seed);
  const listed = s.modelExpr === undefined || MODELS.some(([value]) => value === s.modelExpr && value !== 'custom');
  setSelect('model', listed ? (s.modelExpr ?? '') : 'custom');
  input('model-text').value = listed ? '' : (s.modelExpr ?? '');
  input('bias').checked = s.bias;
  setSelect('init', s.init);
  setSelect('dtype', s.dtype);
  showLoss(s);
  setSelect('reduction', s.reduction);
  input('huber-delta').value = String(s.huberDelta);
  setSelect('optimizer', s.optimizer);
  input('lr').value = String(s.lr);
  input('momentum').value = String(s.momentum);
  input('nesterov').checked = s.nesterov;
  input('beta1').value = String(s.beta1);
  input('beta2').value = String(s.beta2);
  input('eps').value = String(s.eps);
  input('weight-decay').value = String(s.weightDecay);
  input('epochs').value = String(s.epochs);
  input('batch-size').value = s.batchSize === null ? '' : String(s.batchSize);
  input('seed').value = String(s.seed);
  setSelect('gradient', s.gradient);
  input('gradient-text').value = s.gradientText;
  setSelect('speed', s.speed === null ? 'max' : String(s.speed));
  input('log-every').value = String(s.logEvery);
  setSelect('loss-scale', s.lossScale);
  setSelect('compare', s.compare);
  showRelevantFields(s);
}

/** Shows only the fields that mean something for the current choices. */
export function showRelevantFields(s: TrainerSettings): void {
  const show = (id: string, visible: boolean) => {
    element(id).hidden = !visible;
  };
  show('synthetic-fields', s.source.kind === 'synthetic');
  show('file-fields', s.source.kind === 'file');
  show('shape-fields', s.source.kind === 'shape');
  show('field-model-text', select('model').value === 'custom');
  // The bias belongs to the line; a preset or an expression says itself whether it has one.
  show('field-bias', s.modelExpr === undefined);
  show('field-huber-delta', s.lossExpr === undefined && s.loss === 'huber');
  // a loss expression says itself how it reduces (.mean(), .sum())
  show('field-reduction', s.lossExpr === undefined);
  if (s.lossExpr === undefined) removeEditorLoss();
  show('field-momentum', s.optimizer === 'momentum');
  show('field-nesterov', s.optimizer === 'momentum');
  show('field-beta1', s.optimizer === 'adam');
  show('field-beta2', s.optimizer === 'adam');
  show('field-eps', s.optimizer === 'adam');
  show('field-gradient-text', s.gradient === 'expression');
}

/** Marks the one invalid field (or none) for sighted and screen-reader users alike. */
export function markInvalid(field: string | null, message = ''): void {
  Array.from(document.querySelectorAll('[aria-invalid="true"]')).forEach((el) => el.removeAttribute('aria-invalid'));
  Array.from(document.querySelectorAll('.field-error')).forEach((el) => el.remove());
  if (!field) return;
  const el = element(field);
  el.setAttribute('aria-invalid', 'true');
  const note = document.createElement('span');
  note.className = 'field-error';
  note.id = `${field}-error`;
  note.textContent = message;
  el.setAttribute('aria-describedby', note.id);
  el.insertAdjacentElement('afterend', note);
}

export function setTargetColumns(columns: string[], target: string): void {
  const el = select('target');
  el.replaceChildren(...columns.map((c) => new Option(c, c)));
  el.value = target;
}
