// A model expression with parameters of its own (`np.tanh(x @ W1 + b1) @ w2 + b2`): their shapes inferred
// from the expression and the data (src/expr's parameterShapes), their first values from a values file,
// zeros, or PyTorch nn.Linear's U(-1/sqrt(fan_in), 1/sqrt(fan_in)) drawn from the seed in order of first
// use (every parameter draws, so a value given by name leaves the others' draws alone). x is the N x D
// matrix here, as torch.nn sees it.
import { tensor, type Tensor } from '../autograd';
import type { CompiledExpression, OpenWidth } from '../expr';
import { describeShape, flattenValue, shapeFits, shapeOfValue } from './parameterValues';
import { seededRandom } from './random';
import type { NamedParameter, Params, TrainConfig } from './types';
import { ConfigError } from './validate';

/** The parameters' shapes, in order of first use, with each one's fan-in (null: D, the number of features). */
export interface NetworkSpec {
  order: string[];
  shapes: Record<string, number[]>;
  fanIn: Record<string, number | null>;
}

export interface NetworkModel {
  readonly kind: 'network';
  readonly named: Record<string, Tensor>;
  readonly parameters: Tensor[];
  /** The names the expressions see: x (N x D) and every parameter. */
  bindings(x: Tensor): Record<string, Tensor>;
  params(): Params;
}

/** A shape mistake in the model expression: `problem` at 1-based `column` of `text`. */
export class ModelShapeError extends ConfigError {
  constructor(
    readonly text: string,
    readonly problem: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`the model expression "${text}": ${problem} (column ${column})`);
  }
}

/** Widths nothing fixes: the parameters each one sizes, to be given as a hidden size, a shape or a value. */
export class OpenShapeError extends ConfigError {
  constructor(readonly open: OpenWidth[]) {
    const widths = open.map(({ parameters }) => parameters.map((p) => `${p.name} (${p.shape})`).join(', '));
    super(
      `the data do not fix ${open.length === 1 ? 'the width' : 'the widths'} marked ? in ${widths.join('; and in ')}`,
    );
  }
}

type ShapeConfig = Pick<TrainConfig, 'initialParams' | 'shapes' | 'hidden'> & { d: number };

function inferShapes(expression: CompiledExpression, config: ShapeConfig, given: Record<string, number[]>) {
  const outcome = expression.parameterShapes({
    data: { x: ['N', config.d] },
    given,
    hidden: config.hidden,
    result: ['N'],
  });
  if (!outcome.ok) {
    const { message, line = 1, column } = outcome.error;
    throw new ModelShapeError(expression.text, message, line, column);
  }
  return outcome.value;
}

/**
 * The shapes of the model's parameters. A values file is checked against the shapes the expression and
 * the data imply before its own shapes fix the widths left open: "initial value of W1: expected 2 x ?".
 */
export function networkSpec(expression: CompiledExpression, config: ShapeConfig): NetworkSpec {
  const explicit = config.shapes ?? {};
  const unsized = inferShapes(expression, { ...config, hidden: undefined }, explicit);
  if (config.hidden) checkHiddenCount(config.hidden, unsized.kind === 'open' ? unsized.open.length : 0);
  const first = config.hidden ? inferShapes(expression, config, explicit) : unsized;
  const valueShapes: Record<string, number[]> = {};
  for (const [name, value] of Object.entries(config.initialParams ?? {})) {
    const field = `initial value of ${name}`;
    if (!first.order.includes(name))
      throw new ConfigError(
        `${field}: the model has no parameter ${name}; its parameters are ${first.order.join(', ')}`,
      );
    const shape = shapeOfValue(name, value);
    if (!shapeFits(shape, first.shapes[name]))
      throw new ConfigError(`${field}: expected ${describeShape(first.shapes[name])}, got ${describeShape(shape)}`);
    valueShapes[name] = shape;
  }
  for (const name of Object.keys(explicit)) {
    if (!first.order.includes(name))
      throw new ConfigError(
        `the shape of ${name}: the model has no parameter ${name}; its parameters are ${first.order.join(', ')}`,
      );
  }
  const settled = first.kind === 'open' ? inferShapes(expression, config, { ...explicit, ...valueShapes }) : first;
  if (settled.kind === 'open') throw new OpenShapeError(settled.open);
  return { order: settled.order, shapes: settled.shapes, fanIn: settled.fanIn };
}

/** Hidden sizes size the widths left open: one for all of them, or one each. */
function checkHiddenCount(hidden: readonly number[], open: number): void {
  if (open === 0)
    throw new ConfigError(`hidden sizes (${hidden.join(', ')}) were given, but the data fix every width of this model`);
  if (hidden.length > 1 && hidden.length !== open)
    throw new ConfigError(
      `${hidden.length} hidden sizes (${hidden.join(', ')}) for ${open} open width${open === 1 ? '' : 's'}: give one size for all, or one per width`,
    );
}

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function initialValues(
  spec: NetworkSpec,
  config: Pick<TrainConfig, 'init' | 'seed' | 'initialParams'> & { d: number },
) {
  const random = seededRandom(config.seed);
  return spec.order.map((name) => {
    const size = sizeOf(spec.shapes[name]);
    const bound = 1 / Math.sqrt(spec.fanIn[name] ?? config.d);
    const drawn =
      config.init === 'zeros'
        ? new Array<number>(size).fill(0)
        : Array.from({ length: size }, () => random.uniform(-bound, bound));
    const given = config.initialParams?.[name];
    return given === undefined ? drawn : flattenValue(given);
  });
}

export function createNetworkModel(
  spec: NetworkSpec,
  config: Pick<TrainConfig, 'init' | 'seed' | 'initialParams' | 'dtype'> & { d: number },
): NetworkModel {
  const values = initialValues(spec, config);
  const named: Record<string, Tensor> = {};
  spec.order.forEach((name, k) => {
    named[name] = tensor(values[k], { dtype: config.dtype, shape: spec.shapes[name], requiresGrad: true });
  });
  const parameters = spec.order.map((name) => named[name]);
  const snapshot = (): Record<string, NamedParameter> =>
    Object.fromEntries(
      spec.order.map((name) => [name, { shape: [...spec.shapes[name]], values: Array.from(named[name].data) }]),
    );
  return {
    kind: 'network',
    named,
    parameters,
    bindings: (x) => ({ x, ...named }),
    params: () => {
      const all = snapshot();
      const b = all.b?.shape.length === 0 ? all.b.values[0] : null;
      return { w: all.w?.values ?? [], b, named: all };
    },
  };
}
