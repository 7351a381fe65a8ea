// Finds the data a script binds to x and y as literal arrays: `x = np.array([1, 2, 3, 4], dtype=...)`,
// `x = torch.tensor([[1], [2]])`, `const y = [2, 4, 6, 8];`. It only parses literals; it never runs code.

type BoundArrays = { ok: true; x: number[][]; y: number[] } | { ok: false; error: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a bracketed list of numbers (nested one level for rows); null when it holds anything else. */
export function parseNumberList(text: string): number[] | number[][] | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
  const inner = trimmed.slice(1, -1).trim();
  if (inner.startsWith('[')) {
    const rows = inner.match(/\[[^[\]]*\]/g);
    if (!rows || inner.replace(/\[[^[\]]*\]/g, '').replace(/[\s,]/g, '') !== '') return null;
    const parsed = rows.map((row) => parseNumberList(row));
    return parsed.every((r): r is number[] => r !== null && r.every((v) => typeof v === 'number')) ? parsed : null;
  }
  const items = inner.split(',').map((s) => s.trim()).filter((s, i, all) => s !== '' || i !== all.length - 1);
  if (!items.every((s) => NUMBER.test(s))) return null;
  return items.map(Number);
}

/** The text of the balanced `[...]` starting at `start`, or null. */
function bracketed(text: string, start: number): string | null {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '[') depth++;
    else if (text[i] === ']' && --depth === 0) return text.slice(start, i + 1);
  }
  return null;
}

/** The last literal array bound to `name` in the text (a later assignment wins, as when the script runs). */
function findBoundArray(text: string, name: string): number[] | number[][] | null {
  const binding = new RegExp(`(?:^|[\\s;])(?:const\\s+|let\\s+|var\\s+)?${name}\\s*(?::[^=]*)?=\\s*(?:[\\w.]+\\s*\\(\\s*)?\\[`, 'gm');
  let found: number[] | number[][] | null = null;
  for (let m = binding.exec(text); m; m = binding.exec(text)) {
    const literal = bracketed(text, m.index + m[0].length - 1);
    const parsed = literal ? parseNumberList(literal) : null;
    if (parsed) found = parsed;
  }
  return found;
}

export function findBoundArrays(text: string, fileName: string): BoundArrays {
  const x = findBoundArray(text, 'x') ?? findBoundArray(text, 'X');
  const y = findBoundArray(text, 'y') ?? findBoundArray(text, 'Y');
  if (!x || !y) {
    const missing = [x ? null : 'x', y ? null : 'y'].filter(Boolean).join(' and ');
    return { ok: false, error: `${fileName} does not bind ${missing} to a literal array of numbers (e.g. x = np.array([1, 2, 3, 4]))` };
  }
  if (y.some((v) => Array.isArray(v))) return { ok: false, error: `${fileName}: y must be a flat list of numbers` };
  const rows = (x as (number | number[])[]).map((v) => (Array.isArray(v) ? v : [v]));
  if (rows.length !== y.length) return { ok: false, error: `${fileName}: x has ${rows.length} rows but y has ${y.length}` };
  if (rows.length === 0) return { ok: false, error: `${fileName}: x and y are empty` };
  const d = rows[0].length;
  if (d === 0 || rows.some((r) => r.length !== d)) return { ok: false, error: `${fileName}: the rows of x do not all have the same length` };
  return { ok: true, x: rows, y: y as number[] };
}
