// Packs epoch events into typed arrays (one buffer per field) for a message to the page.
import type { EpochEvent, Params } from '../types';

interface PackedEpochs {
  epoch: Int32Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  params: Float64Array;
  stride: number;
  /** With a classification loss: each epoch's accuracy. */
  accuracy?: Float64Array;
}

/**
 * The parameters as one row of numbers: w[0..d-1] then b for the linear model; a model with parameters
 * of its own, every one by name in order of first use, each flattened row-major.
 */
export function flatParams(params: Params): number[] {
  if (params.named) return Object.values(params.named).flatMap((p) => p.values);
  return params.b === null ? [...params.w] : [...params.w, params.b];
}

/** params holds `stride` values per epoch, as flatParams lays them out. */
export function packEpochs(events: readonly EpochEvent[], stride: number): PackedEpochs {
  const packed: PackedEpochs = {
    epoch: new Int32Array(events.length),
    loss: new Float64Array(events.length),
    gradNorm: new Float64Array(events.length),
    params: new Float64Array(events.length * stride),
    stride,
  };
  const classifies = events.length > 0 && events.every((e) => e.accuracy !== undefined);
  if (classifies) packed.accuracy = new Float64Array(events.length);
  events.forEach((e, i) => {
    packed.epoch[i] = e.epoch;
    packed.loss[i] = e.loss;
    packed.gradNorm[i] = e.gradNorm;
    packed.params.set(flatParams(e.params), i * stride);
    if (packed.accuracy) packed.accuracy[i] = e.accuracy!;
  });
  return packed;
}

export function strideOf(event: EpochEvent): number {
  return flatParams(event.params).length;
}
