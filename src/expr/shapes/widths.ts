// The dimensions shape inference works with: numbers, the sample count 'N', and widths not known yet, kept in
// a union-find so that widths unified by a product or a broadcast resolve together; and the outcome they give.

/** A dimension not known yet; unified widths share one root (union-find). */
export class Width {
  parent: Width | null = null;
  size: number | 'N' | 'absent' | null = null;
}
export type Dim = number | 'N' | Width;

/** A width the data and the given shapes leave open: the parameters it sizes, each as e.g. "2 x ?". */
export interface OpenWidth {
  parameters: { name: string; shape: string }[];
}

export type Sizes =
  | { kind: 'shapes'; shapes: Record<string, number[]> }
  | { kind: 'open'; shapes: Record<string, (number | null)[]>; open: OpenWidth[] };

/** The dimension a dimension stands for now: a number, 'N', or the root width of its group. */
export function root(d: Dim): Dim {
  if (!(d instanceof Width)) return d;
  let w = d;
  while (w.parent) w = w.parent;
  return w.size === null || w.size === 'absent' ? w : w.size;
}

/** The widths still open take the hidden sizes in order of creation; one size fills them all. */
export function fillHidden(widths: Width[], hidden: readonly number[]): void {
  const open = widths.filter((w) => w.parent === null && w.size === null);
  open.forEach((w, k) => {
    const size = hidden.length === 1 ? hidden[0] : hidden[k];
    if (size !== undefined) w.size = size;
  });
}

/** The parameters' shapes, or the widths left open with the parameters each one sizes. */
export function outcome(params: Map<string, Dim[]>): Sizes {
  const sized: Record<string, (number | null)[]> = {};
  const byWidth = new Map<Width, { name: string; shape: string }[]>();
  for (const [name, dims] of params) {
    const present = dims.map(root).filter((d) => !(d instanceof Width && d.size === 'absent'));
    sized[name] = present.map((d) => (typeof d === 'number' ? d : null));
    const text = present.map((d) => (typeof d === 'number' ? String(d) : '?')).join(' x ');
    for (const d of present) {
      if (!(d instanceof Width)) continue;
      const list = byWidth.get(d) ?? [];
      if (!list.some((p) => p.name === name)) list.push({ name, shape: text });
      byWidth.set(d, list);
    }
  }
  const open = [...byWidth.values()].map((parameters) => ({ parameters }));
  if (open.length > 0) return { kind: 'open', shapes: sized, open };
  return { kind: 'shapes', shapes: sized as Record<string, number[]> };
}
