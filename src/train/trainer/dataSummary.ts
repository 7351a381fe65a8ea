// What the page learns about a data set when a run is configured: its size and names, and an evenly
// spaced preview of at most PREVIEW_ROWS points for the scatter plot (a million points would not draw).
import type { DataSummary } from '../../protocol/workerMessages';
import type { Dataset } from '../types';

const PREVIEW_ROWS = 1000;

export function dataSummary(dataset: Dataset, label: string): DataSummary {
  const stride = Math.max(1, Math.ceil(dataset.n / PREVIEW_ROWS));
  const rows = Math.ceil(dataset.n / stride);
  const previewX = new Float64Array(rows);
  const previewY = new Float64Array(rows);
  const previewX2 = dataset.d >= 2 ? new Float64Array(rows) : null;
  for (let r = 0; r < rows; r++) {
    previewX[r] = dataset.x[r * stride * dataset.d]; // the first feature of every stride-th row
    previewY[r] = dataset.y[r * stride];
    if (previewX2) previewX2[r] = dataset.x[r * stride * dataset.d + 1];
  }
  return {
    ...(previewX2 ? { previewX2 } : {}),
    n: dataset.n,
    d: dataset.d,
    label,
    featureNames: dataset.featureNames ?? [],
    targetName: dataset.targetName ?? 'y',
    previewX,
    previewY,
  };
}
