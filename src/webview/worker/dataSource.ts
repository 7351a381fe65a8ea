// Builds the data set a DataSource describes, in the worker: the tutorial, synthetic data, inline arrays,
// or a file's text (CSV through src/train's parseCsv, JSON here). Errors say what and where.
import { errorMessage, failure, ok, type Result } from '../../common/result';
import { csvColumns, defaultTarget } from '../../protocol/dataColumns';
import type { DataSource } from '../../protocol/trainerSettings';
import { datasetFromRows, parseCsv, shapeDataset, syntheticDataset, tutorialDataset } from '../../train';
import type { Dataset } from '../../train/types';
import { jsonErrorOffset } from './jsonPosition';

/** A data set and the words the panel shows for it. */
interface LabelledDataset {
  dataset: Dataset;
  label: string;
}

export function buildDataset(source: DataSource): Result<LabelledDataset> {
  try {
    switch (source.kind) {
      case 'tutorial':
        return ok({ dataset: tutorialDataset(), label: 'the tutorial: x = [1, 2, 3, 4], y = [2, 4, 6, 8]' });
      case 'synthetic':
        return ok({
          dataset: syntheticDataset({
            n: source.n,
            d: source.d,
            noise: source.noise,
            weights: source.weights,
            bias: source.bias,
            seed: source.seed,
          }),
          label: `synthetic: ${source.n.toLocaleString('en-US')} x ${source.d}, noise ${source.noise}, seed ${source.seed}`,
        });
      case 'shape':
        return ok({
          dataset: shapeDataset(source.shape, source),
          label: `${source.shape}: ${source.n.toLocaleString('en-US')} points, noise ${source.noise}, seed ${source.seed}`,
        });
      case 'inline':
        return ok({ dataset: datasetFromRows(source.x, source.y), label: source.label });
      case 'file': {
        if (source.format === 'json') return jsonDataset(source.text, source.target, source.label);
        const target = source.target || defaultTarget(csvColumns(source.text));
        const parsed = parseCsv(source.text, target);
        if (!parsed.ok)
          return failure({
            ...parsed.error,
            message: `${source.label}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`,
          });
        return ok({ dataset: parsed.value, label: source.label });
      }
    }
  } catch (e) {
    return failure({ message: errorMessage(e) });
  }
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** JSON data: `{"x": [...], "y": [...]}` (x a list of numbers or of rows), or a list of records with a target field. */
export function jsonDataset(text: string, target: string, label: string): Result<LabelledDataset> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const found = jsonErrorOffset(text);
    if (!found) return failure({ message: `${label}: invalid JSON (${errorMessage(e)})` });
    const where = lineColumn(text, found.offset);
    return failure({ message: `${label}:${where.line}:${where.column}: invalid JSON: ${found.message}`, ...where });
  }
  const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (Array.isArray(value)) {
    const first = value[0];
    if (typeof first !== 'object' || first === null)
      return failure({ message: `${label}: expected a list of records such as [{"x": 1, "y": 2}]` });
    const columns = Object.keys(first);
    const y = target || defaultTarget(columns);
    if (!columns.includes(y))
      return failure({ message: `${label}: the records have no field "${y}" (fields: ${columns.join(', ')})` });
    const features = columns.filter((c) => c !== y);
    const rows: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < value.length; i++) {
      const record = value[i] as Record<string, unknown>;
      const row = features.map((c) => record?.[c]);
      const bad = [...row, record?.[y]].findIndex((v) => !isNumber(v));
      if (bad >= 0)
        return failure({
          message: `${label}: record ${i + 1}, field "${[...features, y][bad]}" is not a finite number`,
        });
      rows.push(row as number[]);
      ys.push(record[y] as number);
    }
    return ok({ dataset: datasetFromRows(rows, ys, features, y), label });
  }
  if (typeof value === 'object' && value !== null && 'x' in value && 'y' in value) {
    const { x, y } = value as { x: unknown; y: unknown };
    if (!Array.isArray(x) || !Array.isArray(y) || !y.every(isNumber))
      return failure({ message: `${label}: "x" and "y" must be lists of numbers` });
    const rows = x.map((v) => (Array.isArray(v) ? v : [v]));
    if (!rows.every((r) => r.every(isNumber)))
      return failure({ message: `${label}: "x" holds something that is not a finite number` });
    return ok({ dataset: datasetFromRows(rows as number[][], y), label });
  }
  return failure({ message: `${label}: expected {"x": [...], "y": [...]} or a list of records` });
}
