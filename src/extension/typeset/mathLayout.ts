// A small math typesetter for the hover's optional image: the LaTeX subset src/expr prints (\frac,
// ^{}, _{}, \left( \right), \operatorname, \mathrm, \sqrt, Greek) laid out as boxes. No font metrics
// exist here (no DOM, no network), so every text run carries its own width and the SVG forces it with
// textLength: the layout holds whatever serif font the viewer has.

/** A laid-out piece, in em: `ascent` above the baseline, `descent` below; draws itself at (x, baseline). */
export interface Box {
  width: number;
  ascent: number;
  descent: number;
  draw(x: number, baseline: number, out: string[]): void;
}

const WIDE = new Set(['m', 'w', 'M', 'W', '∂', '∞', '𝟙']);
const NARROW = new Set(['i', 'j', 'l', 't', 'f', 'r', '1', 'I', '.', ',', ':', ';', "'", '|', '!']);
const OPERATORS = new Set(['+', '−', '=', '<', '>', '×', '·', '≤', '≥']);
const AXIS = 0.25; // height of the fraction bar and of + and − above the baseline

function charWidth(c: string): number {
  if (OPERATORS.has(c)) return 0.78;
  if (WIDE.has(c)) return 0.8;
  if (NARROW.has(c)) return 0.33;
  if (c === '(' || c === ')' || c === '[' || c === ']') return 0.4;
  if (c === ' ') return 0.25;
  if (/[A-Z]/.test(c)) return 0.72;
  if (/[0-9]/.test(c)) return 0.56;
  return 0.58;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const f = (n: number) => Number(n.toFixed(3)).toString();

export function textBox(text: string, size: number, italic: boolean): Box {
  const chars = [...text];
  const width = chars.reduce((sum, c) => sum + charWidth(c), 0) * size;
  return {
    width,
    ascent: 0.72 * size,
    descent: 0.22 * size,
    draw(x, baseline, out) {
      const style = italic ? ' font-style="italic"' : '';
      out.push(
        `<text x="${f(x)}" y="${f(baseline)}" font-size="${f(size)}"${style} textLength="${f(width)}" lengthAdjust="spacingAndGlyphs">${escapeXml(text)}</text>`,
      );
    },
  };
}

/** A binary operator or relation with its spacing: a + b, L = ... */
export function operatorBox(op: string, size: number): Box {
  const inner = textBox(op, size, false);
  const pad = (op === '=' ? 0.28 : 0.2) * size;
  return { ...inner, width: inner.width + 2 * pad, draw: (x, baseline, out) => inner.draw(x + pad, baseline, out) };
}

export function spaceBox(width: number): Box {
  return { width, ascent: 0, descent: 0, draw: () => undefined };
}

export function row(boxes: Box[]): Box {
  return {
    width: boxes.reduce((sum, b) => sum + b.width, 0),
    ascent: Math.max(0, ...boxes.map((b) => b.ascent)),
    descent: Math.max(0, ...boxes.map((b) => b.descent)),
    draw(x, baseline, out) {
      let at = x;
      for (const box of boxes) {
        box.draw(at, baseline, out);
        at += box.width;
      }
    },
  };
}

export function fraction(numerator: Box, denominator: Box, size: number): Box {
  const gap = 0.12 * size;
  const rule = 0.05 * size;
  const width = Math.max(numerator.width, denominator.width) + 0.24 * size;
  const axis = AXIS * size;
  return {
    width,
    ascent: axis + gap + numerator.descent + numerator.ascent,
    descent: Math.max(0, gap + denominator.ascent + denominator.descent - axis),
    draw(x, baseline, out) {
      numerator.draw(x + (width - numerator.width) / 2, baseline - axis - gap - numerator.descent, out);
      denominator.draw(x + (width - denominator.width) / 2, baseline - axis + gap + denominator.ascent, out);
      out.push(
        `<rect x="${f(x + 0.06 * size)}" y="${f(baseline - axis - rule / 2)}" width="${f(width - 0.12 * size)}" height="${f(rule)}"/>`,
      );
    },
  };
}

export function scripts(base: Box, sup: Box | null, sub: Box | null, size: number): Box {
  const raise = Math.max(0.42 * size, base.ascent - 0.35 * size);
  const lower = 0.22 * size;
  const width = base.width + Math.max(sup?.width ?? 0, sub?.width ?? 0) + 0.04 * size;
  return {
    width,
    ascent: Math.max(base.ascent, sup ? raise + sup.ascent : 0),
    descent: Math.max(base.descent, sub ? lower + sub.descent : 0),
    draw(x, baseline, out) {
      base.draw(x, baseline, out);
      sup?.draw(x + base.width + 0.04 * size, baseline - raise, out);
      sub?.draw(x + base.width + 0.02 * size, baseline + lower, out);
    },
  };
}

/** Delimiters drawn as strokes, so they grow with what they enclose. */
export function fenced(open: string, content: Box, close: string, size: number): Box {
  const ascent = Math.max(content.ascent, 0.75 * size) + 0.06 * size;
  const descent = Math.max(content.descent, 0.25 * size) + 0.06 * size;
  const delimiterWidth = (d: string) => (d === '.' || d === '' ? 0 : d === '|' ? 0.28 * size : 0.4 * size);
  const stroke = 0.06 * size;
  const path = (d: string, x: number, baseline: number, out: string[]) => {
    const top = baseline - ascent;
    const bottom = baseline + descent;
    const w = delimiterWidth(d);
    const mid = (top + bottom) / 2;
    let shape = '';
    if (d === '(')
      shape = `M${f(x + w * 0.75)} ${f(top)} Q${f(x + w * 0.05)} ${f(mid)} ${f(x + w * 0.75)} ${f(bottom)}`;
    if (d === ')')
      shape = `M${f(x + w * 0.25)} ${f(top)} Q${f(x + w * 0.95)} ${f(mid)} ${f(x + w * 0.25)} ${f(bottom)}`;
    if (d === '[') shape = `M${f(x + w * 0.7)} ${f(top)} H${f(x + w * 0.3)} V${f(bottom)} H${f(x + w * 0.7)}`;
    if (d === ']') shape = `M${f(x + w * 0.3)} ${f(top)} H${f(x + w * 0.7)} V${f(bottom)} H${f(x + w * 0.3)}`;
    if (d === '|') shape = `M${f(x + w / 2)} ${f(top)} V${f(bottom)}`;
    if (d === '⟨')
      shape = `M${f(x + w * 0.75)} ${f(top)} L${f(x + w * 0.25)} ${f(mid)} L${f(x + w * 0.75)} ${f(bottom)}`;
    if (d === '⟩')
      shape = `M${f(x + w * 0.25)} ${f(top)} L${f(x + w * 0.75)} ${f(mid)} L${f(x + w * 0.25)} ${f(bottom)}`;
    if (shape)
      out.push(
        `<path d="${shape}" fill="none" stroke="currentColor" stroke-width="${f(stroke)}" stroke-linecap="round"/>`,
      );
  };
  const openWidth = delimiterWidth(open);
  return {
    width: openWidth + content.width + delimiterWidth(close),
    ascent,
    descent,
    draw(x, baseline, out) {
      path(open, x, baseline, out);
      content.draw(x + openWidth, baseline, out);
      path(close, x + openWidth + content.width, baseline, out);
    },
  };
}

export function radical(content: Box, size: number): Box {
  const gap = 0.1 * size;
  const hook = 0.55 * size;
  const ascent = content.ascent + gap + 0.06 * size;
  return {
    width: hook + content.width + 0.08 * size,
    ascent,
    descent: content.descent,
    draw(x, baseline, out) {
      const top = baseline - ascent;
      const bottom = baseline + content.descent;
      const shape = `M${f(x)} ${f(baseline - 0.3 * size)} L${f(x + 0.15 * size)} ${f(baseline - 0.38 * size)} L${f(x + 0.3 * size)} ${f(bottom)} L${f(x + hook)} ${f(top)} H${f(x + hook + content.width + 0.08 * size)}`;
      out.push(
        `<path d="${shape}" fill="none" stroke="currentColor" stroke-width="${f(0.05 * size)}" stroke-linejoin="round"/>`,
      );
      content.draw(x + hook, baseline, out);
    },
  };
}
