// The training log's lines, shared by the CLI and the panel. Numbers are formatted as Python's
// f'{v:.3f}' does, so the tutorial's PyTorch table reproduces byte for byte.
import type { EpochEvent, Params } from './types';

/**
 * Python's format(value, '.Nf'): the exact binary value rounded half-to-even at N decimals, with a
 * '-' for every negative value including -0 ('-0.000'), and 'nan' / 'inf' / '-inf'. Number#toFixed
 * differs on exact ties (0.125 -> '0.13', Python '0.12') and on -0.
 */
export function formatFixed(value: number, digits: number): string {
  if (Number.isNaN(value)) return 'nan';
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  if (!Number.isFinite(value)) return `${sign}inf`;
  const { numerator, scale } = exactDecimal(Math.abs(value));
  // value = numerator / 10^scale exactly; round to `digits` decimals, ties to even.
  let units: bigint;
  if (scale <= digits) {
    units = numerator * 10n ** BigInt(digits - scale);
  } else {
    const divisor = 10n ** BigInt(scale - digits);
    units = numerator / divisor;
    const twiceRemainder = 2n * (numerator % divisor);
    if (twiceRemainder > divisor || (twiceRemainder === divisor && units % 2n === 1n)) units += 1n;
  }
  const text = units.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${text.slice(text.length - digits)}`;
}

/** A finite non-negative double as numerator / 10^scale, exactly (a double is m * 2^e, and 2^-k = 5^k / 10^k). */
function exactDecimal(value: number): { numerator: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  const fraction = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (exponent >= 0) return { numerator: mantissa << BigInt(exponent), scale: 0 };
  return { numerator: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

/** Parameters with at most this many values are printed in full; larger ones as their shape and norm. */
const SHORT_VECTOR = 4;

/** `W1 = 2x16 |W1| = 1.234, b1 = [0.100, 0.200], b2 = 0.300`: a model expression's own parameters. */
function formatNamed(named: NonNullable<Params['named']>): string {
  return Object.entries(named)
    .map(([name, { shape, values }]) => {
      if (shape.length === 0) return `${name} = ${formatFixed(values[0], 3)}`;
      if (shape.length === 1 && values.length <= SHORT_VECTOR)
        return `${name} = [${values.map((v) => formatFixed(v, 3)).join(', ')}]`;
      const norm = Math.sqrt(values.reduce((sum, v) => sum + v * v, 0));
      return `${name} = ${shape.join('x')} |${name}| = ${formatFixed(norm, 3)}`;
    })
    .join(', ');
}

function formatParams(params: Params): string {
  if (params.named) return formatNamed(params.named);
  const w =
    params.w.length === 1 ? formatFixed(params.w[0], 3) : `[${params.w.map((v) => formatFixed(v, 3)).join(', ')}]`;
  return params.b === null ? `w = ${w}` : `w = ${w}, b = ${formatFixed(params.b, 3)}`;
}

/**
 * `epoch 10: w = 1.665, loss = 1.16278565` (with `w = [..]` for several features and `b = ..` with a bias;
 * a model's own parameters by name; `, accuracy = 0.750` with a classification loss).
 */
export function formatEpochLine(event: EpochEvent): string {
  const accuracy = event.accuracy === undefined ? '' : `, accuracy = ${formatFixed(event.accuracy, 3)}`;
  return `epoch ${event.epoch}: ${formatParams(event.params)}, loss = ${formatFixed(event.loss, 8)}${accuracy}`;
}

/** `Prediction after training: f(5) = 10.000` (`f(1, 2)` for a point with several features). */
export function formatPrediction(label: 'before' | 'after', x: number | readonly number[], y: number): string {
  const point = typeof x === 'number' ? String(x) : x.map(String).join(', ');
  return `Prediction ${label} training: f(${point}) = ${formatFixed(y, 3)}`;
}

/** `after 100 epochs: w = 2.000, loss = 0.00000000`, the loss at the final parameters. */
export function formatFinalLine(epochs: number, params: Params, loss: number): string {
  return `after ${epochs} epoch${epochs === 1 ? '' : 's'}: ${formatParams(params)}, loss = ${formatFixed(loss, 8)}`;
}
