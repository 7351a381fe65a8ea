// What the training benches share: timing steppers interleaved (so load from elsewhere slows all alike),
// comparing the losses they reach, tfjs's WASM backend loaded from node_modules, and the GC between runs.
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

/** One training step; returns the loss of that step's forward pass. */
export type Step = () => number;
export interface Run {
  msPerStep: number;
  losses: number[];
}

export const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/**
 * Runs the steppers in turn: `warmup` untimed steps each (the first calls run unoptimized code), then
 * `rounds` timed blocks each; every stepper does `total` steps.
 */
export function interleaved(steppers: Step[], total: number, warmup = 3, rounds = 10): Run[] {
  const runs = steppers.map(() => ({ ms: 0, losses: [] as number[] }));
  steppers.forEach((step, i) => {
    for (let s = 0; s < warmup; s++) runs[i].losses.push(step());
  });
  const perRound = Math.ceil((total - warmup) / rounds);
  while (runs[0].losses.length < total) {
    steppers.forEach((step, i) => {
      const block = Math.min(perRound, total - runs[i].losses.length);
      const start = performance.now();
      for (let s = 0; s < block; s++) runs[i].losses.push(step());
      runs[i].ms += performance.now() - start;
    });
  }
  return runs.map((r) => ({ msPerStep: r.ms / (total - warmup), losses: r.losses }));
}

/** Relative difference of the losses two runs reached after the same number of steps. */
export function lossGap(a: Run, b: Run): number {
  const i = Math.min(a.losses.length, b.losses.length) - 1;
  return Math.abs(a.losses[i] - b.losses[i]) / Math.max(Math.abs(a.losses[i]), 1e-12);
}

/** A full GC, and time for V8 to release the freed ArrayBuffers (it frees their memory concurrently). */
export async function settle(): Promise<void> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
}

/** The WASM backend loads its .wasm files from node_modules (no network); one thread, SIMD when available. */
export function useLocalWasm(): void {
  setWasmPaths(
    path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + path.sep,
  );
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}

export function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export function fmt(x: number, width: number): string {
  return x.toFixed(x < 10 ? 2 : 1).padStart(width);
}
