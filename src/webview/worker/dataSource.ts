// Builds the data set a DataSource describes, in the worker: the tutorial, synthetic data, inline arrays,
// or a file's text (CSV through src/train's parseCsv, JSON here). Errors say what and where.
import { csvColumns, defaultTarget } from '../../protocol/dataColumns';
import type { DataSource } from '../../protocol/trainerSettings';
import { datasetFromRows, parseCsv, syntheticDataset, tutorialDataset } from '../../train';
import type { Dataset } from '../../train/types';
import { jsonErrorOffset } from './jsonPosition';

export type DataResult = { ok: true; dataset: Dataset; label: string } | { ok: false; message: string; line?: number; column?: number };

export function buildDataset(source: DataSource): DataResult {
  try {
    switch (source.kind) {
      case 'tutorial':
        return { ok: true, dataset: tutorialDataset(), label: 'the tutorial: x = [1, 2, 3, 4], y = [2, 4, 6, 8]' };
      case 'synthetic':
        return {
          ok: true,
          dataset: syntheticDataset({ n: source.n, d: source.d, noise: source.noise, weights: source.weights, bias: source.bias, seed: source.seed }),
          label: `synthetic: ${source.n.toLocaleString('en-US')} x ${source.d}, noise ${source.noise}, seed ${source.seed}`,
        };
      case 'inline':
        return { ok: true, dataset: datasetFromRows(source.x, source.y), label: source.label };
      case 'file': {
        if (source.format === 'json') return jsonDataset(source.text, source.target, source.label);
        const target = source.target || defaultTarget(csvColumns(source.text));
        const parsed = parseCsv(source.text, target);
        if (!parsed.ok) return { ok: false, message: `${source.label}:${parsed.error.line}:${parsed.error.column}: ${parsed.error.message}`, line: parsed.error.line, column: parsed.error.column };
        return { ok: true, dataset: parsed.dataset, label: source.label };
      }
    }
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** JSON data: `{"x": [...], "y": [...]}` (x a list of numbers or of rows), or a list of records with a target field. */
export function jsonDataset(text: string, target: string, label: string): DataResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const found = jsonErrorOffset(text);
    if (!found) return { ok: false, message: `${label}: invalid JSON (${e instanceof Error ? e.message : String(e)})` };
    const where = lineColumn(text, found.offset);
    return { ok: false, message: `${label}:${where.line}:${where.column}: invalid JSON: ${found.message}`, ...where };
  }
  const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (Array.isArray(value)) {
    const first = value[0];
    if (typeof first !== 'object' || first === null) return { ok: false, message: `${label}: expected a list of records such as [{"x": 1, "y": 2}]` };
    const columns = Object.keys(first);
    const y = target || defaultTarget(columns);
    if (!columns.includes(y)) return { ok: false, message: `${label}: the records have no field "${y}" (fields: ${columns.join(', ')})` };
    const features = columns.filter((c) => c !== y);
    const rows: number[][] = [];
    const ys: number[] = [];
    for (let i = 0; i < value.length; i++) {
      const record = value[i] as Record<string, unknown>;
      const row = features.map((c) => record?.[c]);
      const bad = [...row, record?.[y]].findIndex((v) => !isNumber(v));
      if (bad >= 0) return { ok: false, message: `${label}: record ${i + 1}, field "${[...features, y][bad]}" is not a finite number` };
      rows.push(row as number[]);
      ys.push(record[y] as number);
    }
    return { ok: true, dataset: datasetFromRows(rows, ys, features, y), label };
  }
  if (typeof value === 'object' && value !== null && 'x' in value && 'y' in value) {
    const { x, y } = value as { x: unknown; y: unknown };
    if (!Array.isArray(x) || !Array.isArray(y) || !y.every(isNumber)) return { ok: false, message: `${label}: "x" and "y" must be lists of numbers` };
    const rows = x.map((v) => (Array.isArray(v) ? v : [v]));
    if (!rows.every((r) => r.every(isNumber))) return { ok: false, message: `${label}: "x" holds something that is not a finite number` };
    return { ok: true, dataset: datasetFromRows(rows as number[][], y), label };
  }
  return { ok: false, message: `${label}: expected {"x": [...], "y": [...]} or a list of records` };
}
