// Python spellings of our numbers and strings for the exported scripts, and the Python port of our shuffle:
// what a script needs so that torch reads the same doubles and visits the rows in the same order.

/** A Python float literal that parses back to the same double (JS's shortest round-trip digits). */
export function pyFloat(value: number): string {
  if (Object.is(value, -0)) return '-0.0';
  if (Number.isNaN(value)) return "float('nan')";
  if (!Number.isFinite(value)) return value > 0 ? "float('inf')" : "-float('inf')";
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Nested Python lists of a row-major array of the given shape. */
export function pyNested(values: ArrayLike<number>, shape: readonly number[], start = 0): string {
  if (shape.length === 0) return pyFloat(values[start]);
  const [first, ...rest] = shape;
  const step = rest.reduce((a, b) => a * b, 1);
  const items = Array.from({ length: first }, (_, k) => pyNested(values, rest, start + k * step));
  return `[${items.join(', ')}]`;
}

/** A Python string literal: a JSON string is a valid one. */
export const pyString = (text: string): string => JSON.stringify(text);

/** Our shuffle stream (src/train/random.ts): mulberry32 seeded with seed ^ 0x9e3779b9, Fisher-Yates per epoch. */
export const SHUFFLE_LINES = [
  'class Mulberry32:',
  '    """autograd-lab\'s generator (src/train/random.ts), in 32-bit unsigned arithmetic."""',
  '    def __init__(self, seed):',
  '        self.state = seed & 0xFFFFFFFF',
  '',
  '    def next(self):',
  '        self.state = (self.state + 0x6D2B79F5) & 0xFFFFFFFF',
  '        t = self.state',
  '        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF',
  '        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF',
  '        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296',
  '',
  'def shuffled(n, rng):',
  '    order = list(range(n))',
  '    for i in range(n - 1, 0, -1):',
  '        j = int(rng.next() * (i + 1))',
  '        order[i], order[j] = order[j], order[i]',
  '    return order',
];
