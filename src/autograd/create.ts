// Making tensors: from nested arrays or typed arrays (always copied, like torch.tensor), and filled ones.
import { AutogradError, formatShape } from './errors';
import { sizeOf } from './shape';
import { allocate, type DType } from './storage';
import { Tensor, type NestedArray, type Operand } from './tensor';

interface TensorOptions {
  dtype?: DType;
  requiresGrad?: boolean;
}

/**
 * A tensor from nested arrays or a typed array. Values are copied, like torch.tensor; with `copy: false`
 * a typed array of the tensor's dtype is used as the storage itself, like torch.from_numpy (a big data
 * set then exists once; writes to either side show in both).
 */
export function tensor(
  values: NestedArray | Float32Array | Float64Array,
  opts: TensorOptions & { shape?: readonly number[]; copy?: boolean } = {},
): Tensor {
  let flat: ArrayLike<number>;
  let shape: number[];
  let dtype: DType = opts.dtype ?? 'float32';
  if (values instanceof Float32Array || values instanceof Float64Array) {
    flat = values;
    shape = [values.length];
    dtype = opts.dtype ?? (values instanceof Float64Array ? 'float64' : 'float32');
  } else {
    shape = inferShape(values);
    flat = flatten(values, shape);
  }
  if (opts.shape) {
    if (sizeOf(opts.shape) !== flat.length) {
      throw new AutogradError(`tensor: ${flat.length} values do not fill shape ${formatShape(opts.shape)}`);
    }
    shape = [...opts.shape];
  }
  const shareable =
    opts.copy === false && (dtype === 'float32' ? flat instanceof Float32Array : flat instanceof Float64Array);
  const data = shareable ? (flat as Float32Array | Float64Array) : allocate(dtype, flat.length);
  if (!shareable) data.set(flat);
  return new Tensor(data, shape, opts.requiresGrad ?? false);
}

export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new AutogradError(`full: invalid shape ${formatShape(shape)}`);
  const data = allocate(opts.dtype ?? 'float32', sizeOf(shape));
  if (value !== 0) data.fill(value);
  return new Tensor(data, [...shape], opts.requiresGrad ?? false);
}

export function zeros(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 0, opts);
}

export function ones(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 1, opts);
}

/** An op's operand as a tensor: numbers become 0-d tensors of `dtype` (rounded to it, as PyTorch does). */
export function asTensor(o: Operand, dtype: DType): Tensor {
  if (o instanceof Tensor) return o;
  if (typeof o !== 'number') throw new AutogradError(`expected a Tensor or a number, got ${typeof o}`);
  return constant(o, dtype);
}

// Number operands become constants that no caller can reach or mutate (ops never write their inputs), so
// the recent ones are shared: a loop like `h.mul(2)` then allocates one tensor per op, not two.
const constants = { float32: new Map<number, Tensor>(), float64: new Map<number, Tensor>() };

function constant(value: number, dtype: DType): Tensor {
  if (Object.is(value, -0)) return new Tensor(allocate(dtype, 1).fill(-0), []);
  const cache = constants[dtype];
  let t = cache.get(value);
  if (t === undefined) {
    if (cache.size >= 256) cache.clear();
    const data = allocate(dtype, 1);
    data[0] = value;
    t = new Tensor(data, []);
    cache.set(value, t);
  }
  return t;
}

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let level: NestedArray = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0];
  }
  return shape;
}

function flatten(values: NestedArray, shape: readonly number[]): number[] {
  const flat: number[] = [];
  const walk = (v: NestedArray, dim: number, path: number[]): void => {
    if (dim === shape.length) {
      if (typeof v !== 'number')
        throw new AutogradError(
          `tensor: expected a number at [${path.join('][')}], got ${Array.isArray(v) ? 'an array' : typeof v}`,
        );
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) {
      throw new AutogradError(
        `tensor: ragged nested array at [${path.join('][')}]: expected ${shape[dim]} elements like the first row`,
      );
    }
    v.forEach((child, i) => walk(child, dim + 1, [...path, i]));
  };
  walk(values, 0, []);
  return flat;
}
