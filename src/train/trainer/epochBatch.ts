// Packs epoch events into typed arrays (one buffer per field) for a message to the page.
import type { EpochEvent } from '../types';

interface PackedEpochs {
  epoch: Int32Array;
  loss: Float64Array;
  gradNorm: Float64Array;
  params: Float64Array;
  stride: number;
}

/** params holds `stride` values per epoch: w[0..d-1], then b when the model has one. */
export function packEpochs(events: readonly EpochEvent[], stride: number): PackedEpochs {
  const packed: PackedEpochs = {
    epoch: new Int32Array(events.length),
    loss: new Float64Array(events.length),
    gradNorm: new Float64Array(events.length),
    params: new Float64Array(events.length * stride),
    stride,
  };
  events.forEach((e, i) => {
    packed.epoch[i] = e.epoch;
    packed.loss[i] = e.loss;
    packed.gradNorm[i] = e.gradNorm;
    packed.params.set(e.params.w, i * stride);
    if (e.params.b !== null) packed.params[i * stride + stride - 1] = e.params.b;
  });
  return packed;
}

export function strideOf(event: EpochEvent): number {
  return event.params.w.length + (event.params.b === null ? 0 : 1);
}
