// What the model computes over its input space, for the panel to draw: with two features, its output on
// a grid over the plane of the data (the decision boundary's heat map, sent as a compact Float32Array);
// with one feature, its curve over the data's range. Computed in the worker, one batched forward pass.
import type { Boundary, BoundaryScale, Curve } from '../../protocol/workerMessages';
import type { Dataset, TrainingSessionApi } from '../types';

/** Cells per side of the boundary's grid: fine enough for a smooth picture, 3600 predictions a frame. */
export const GRID_CELLS = 60;
const CURVE_POINTS = 200;

export interface Plane {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** [lo, hi] of column `j` of the data, widened by a tenth of its span (at least 0.5) on each side. */
function paddedRange(data: Dataset, j: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < data.n; i++) {
    const v = data.x[i * data.d + j];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const pad = Math.max(0.1 * (hi - lo), 0.5);
  return [lo - pad, hi + pad];
}

/** The plane of the first two features, with room around the points. */
export function planeOf(data: Dataset): Plane {
  const [xMin, xMax] = paddedRange(data, 0);
  const [yMin, yMax] = paddedRange(data, 1);
  return { xMin, xMax, yMin, yMax };
}

/**
 * How the page reads the outputs, by the rule the run's accuracy follows (the session's accuracyRule, for a
 * built-in loss and a loss expression alike): a probability under bce, a score whose sign is the class under
 * hinge and cross-entropy, and a plain value when the run counts no accuracy. One rule, so the boundary's
 * colours and the accuracy card never disagree on what the outputs mean.
 */
export function boundaryScale(session: Pick<TrainingSessionApi, 'accuracyRule'>): BoundaryScale {
  const rule = session.accuracyRule();
  return rule === null ? 'value' : rule === 'bce' ? 'probability' : 'score';
}

/**
 * The model's output at the centre of each cell of a GRID_CELLS x GRID_CELLS grid over `plane`:
 * values[i * cols + j] at x1 = xMin + (j + 1/2) dx, x2 = yMin + (i + 1/2) dy (row 0 at the bottom).
 */
export function boundaryOf(session: TrainingSessionApi, plane: Plane, scale: BoundaryScale): Boundary {
  const cols = GRID_CELLS;
  const rows = GRID_CELLS;
  const dx = (plane.xMax - plane.xMin) / cols;
  const dy = (plane.yMax - plane.yMin) / rows;
  const points = new Float64Array(rows * cols * 2);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      points[2 * (i * cols + j)] = plane.xMin + (j + 0.5) * dx;
      points[2 * (i * cols + j) + 1] = plane.yMin + (i + 0.5) * dy;
    }
  const values = Float32Array.from(session.predictRows(points, rows * cols));
  return { type: 'boundary', ...plane, cols, rows, values, scale };
}

/** The model's output at CURVE_POINTS evenly spaced x over the data's range. */
export function curveOf(session: TrainingSessionApi, data: Dataset): Curve {
  const [lo, hi] = paddedRange(data, 0);
  const x = Float64Array.from({ length: CURVE_POINTS }, (_, i) => lo + ((hi - lo) * i) / (CURVE_POINTS - 1));
  return { type: 'curve', x, y: session.predictRows(x, CURVE_POINTS) };
}
