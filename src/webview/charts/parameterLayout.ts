// How the Parameters card lays out a model's parameters: scalars and short vectors as rows of a table,
// matrices and long vectors as heat maps of one cell per entry (a matrix's rows as rows, a vector as one
// row), the size of a cell, which entry a point or an arrow key lands on, and each entry's name. Pure.
import type { ParameterShape } from '../../protocol/workerMessages';

/** Vectors of at most this many entries are rows of the table; longer ones and every matrix are heat maps. */
export const TABLE_MAX = 8;
/** A heat map's longer side takes about this many CSS pixels, with cells between MIN_CELL and MAX_CELL. */
const MAP_SIDE_PX = 192;
const MAX_CELL = 16;
const MIN_CELL = 2;

interface PieceBase {
  name: string;
  shape: number[];
  /** Where the parameter's values start in the flattened values (and gradients). */
  offset: number;
  size: number;
}
export type ParameterPiece =
  (PieceBase & { kind: 'table' }) | (PieceBase & { kind: 'map'; rows: number; cols: number; cell: number });

const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function cellSize(rows: number, cols: number): number {
  return Math.max(MIN_CELL, Math.min(MAX_CELL, Math.floor(MAP_SIDE_PX / Math.max(rows, cols))));
}

export function layoutParameters(parameters: readonly ParameterShape[]): ParameterPiece[] {
  let offset = 0;
  return parameters.map(({ name, shape }) => {
    const size = sizeOf(shape);
    const base = { name, shape: [...shape], offset, size };
    offset += size;
    if (shape.length <= 1 && size <= TABLE_MAX) return { ...base, kind: 'table' as const };
    // more than two axes: every axis but the last makes the rows, as a reshape to 2-D would
    const cols = shape[shape.length - 1];
    const rows = size / cols;
    return { ...base, kind: 'map' as const, rows, cols, cell: cellSize(rows, cols) };
  });
}

/** The entry at flat index `k` (row-major): `W1[0,3]`, `b1[5]`, or the name alone for a single value. */
export function entryName(name: string, shape: readonly number[], k: number): string {
  if (sizeOf(shape) === 1) return name;
  const index: number[] = [];
  let rest = k;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index.unshift(rest % shape[axis]);
    rest = Math.floor(rest / shape[axis]);
  }
  return `${name}[${index.join(',')}]`;
}

/** The flat index of the cell under (x, y), in CSS pixels from the map's top left corner; null outside it. */
export function cellAt(x: number, y: number, map: { rows: number; cols: number; cell: number }): number | null {
  const i = Math.floor(y / map.cell);
  const j = Math.floor(x / map.cell);
  if (i < 0 || j < 0 || i >= map.rows || j >= map.cols) return null;
  return i * map.cols + j;
}

const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  Home: [0, -Infinity],
  End: [0, Infinity],
};

/** The cell an arrow key (or Home, End: the row's ends) moves to from flat index k, staying on the map; null for other keys. */
export function moveCell(k: number, key: string, map: { rows: number; cols: number }): number | null {
  const move = MOVES[key];
  if (!move) return null;
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  const i = clamp(Math.floor(k / map.cols) + move[0], map.rows);
  const j = clamp((k % map.cols) + move[1], map.cols);
  return i * map.cols + j;
}
