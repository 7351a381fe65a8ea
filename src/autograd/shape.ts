// Shape arithmetic: sizes, strides, axes. Pure functions over `number[]`.
import { AutogradError, formatShape } from './errors';

export function sizeOf(shape: readonly number[]): number {
  let size = 1;
  for (const d of shape) size *= d;
  return size;
}

/** Row-major (C-contiguous) strides. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = stride;
    stride *= shape[i];
  }
  return strides;
}

export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Normalizes `axis` (negative counts from the end; null or undefined = every axis) to sorted unique axes. */
export function normalizeAxes(
  axis: number | readonly number[] | null | undefined,
  ndim: number,
  op: string,
  shape: readonly number[],
): number[] {
  if (axis === null || axis === undefined) return Array.from({ length: ndim }, (_, i) => i);
  const list = typeof axis === 'number' ? [axis] : [...axis];
  const axes = list.map((a) => {
    const n = a < 0 ? a + ndim : a;
    if (!Number.isInteger(a) || n < 0 || n >= Math.max(ndim, 1) || (ndim === 0 && a !== 0 && a !== -1)) {
      throw new AutogradError(`${op}: axis ${a} is out of range for a tensor of shape ${formatShape(shape)}`);
    }
    return n;
  });
  const unique = [...new Set(axes)].sort((x, y) => x - y);
  if (unique.length !== axes.length) throw new AutogradError(`${op}: axis ${JSON.stringify(list)} repeats an axis`);
  return ndim === 0 ? [] : unique;
}

/** The input shape with each reduced axis kept as 1 (the keepdims shape). */
export function keptShape(shape: readonly number[], axes: readonly number[]): number[] {
  return shape.map((d, i) => (axes.includes(i) ? 1 : d));
}

export function reducedShape(shape: readonly number[], axes: readonly number[], keepdims: boolean): number[] {
  return keepdims ? keptShape(shape, axes) : shape.filter((_, i) => !axes.includes(i));
}
