// Independent numbers for the vector-gradient tests: central differences of a loss written as a plain
// JS function beside each test, and a per-component comparison with a relative tolerance.
import assert from 'node:assert/strict';
import type { GradientValue } from '../../../src/expr';

export const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
export const mean = (v: number[]) => sum(v) / v.length;

/** ∂f/∂p_k ≈ (f(p + h e_k) - f(p - h e_k)) / 2h for every component k. */
export function centralDifferences(f: (p: number[]) => number, at: number[], h = 1e-6): number[] {
  return at.map((_, k) => {
    const up = at.map((v, i) => (i === k ? v + h : v));
    const down = at.map((v, i) => (i === k ? v - h : v));
    return (f(up) - f(down)) / (2 * h);
  });
}

/** One value per component, each within `tolerance` relative to the expected one. */
export function assertComponentsClose(
  actual: GradientValue | undefined,
  expected: number[],
  what: string,
  tolerance = 1e-6,
): void {
  assert.ok(
    Array.isArray(actual) && actual.every((a) => typeof a === 'number'),
    `${what}: expected one value per component, got ${JSON.stringify(actual)}`,
  );
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, k) =>
    assert.ok(
      Math.abs(a - expected[k]) <= tolerance * (1 + Math.abs(expected[k])),
      `${what}[${k}]: ${a} vs ${expected[k]}`,
    ),
  );
}
