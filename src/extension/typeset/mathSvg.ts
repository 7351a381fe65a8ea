// The hover's typeset image: src/expr's LaTeX laid out by mathLayout.ts into a self-contained SVG data
// URI, coloured for the theme kind. Anything outside the subset it knows returns null, and the hover
// keeps its text form alone.
import { fenced, fraction, operatorBox, radical, row, scripts, spaceBox, textBox, type Box } from './mathLayout';

export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

const INK: Record<ThemeKind, string> = {
  light: '#1f1f1f',
  dark: '#e4e4e4',
  highContrast: '#ffffff',
  highContrastLight: '#000000',
};
const FONT = "'Latin Modern Math', 'STIX Two Math', 'Cambria Math', 'DejaVu Serif', 'Times New Roman', serif";
const PX_PER_EM = 18;
const MAX_TOKENS = 2000;

const SYMBOLS: Record<string, string> = {
  partial: '∂',
  cdot: '·',
  times: '×',
  infty: '∞',
  le: '≤',
  ge: '≥',
  leq: '≤',
  geq: '≥',
  langle: '⟨',
  rangle: '⟩',
  alpha: 'α',
  beta: 'β',
  gamma: 'γ',
  delta: 'δ',
  epsilon: 'ε',
  eta: 'η',
  theta: 'θ',
  lambda: 'λ',
  mu: 'μ',
  sigma: 'σ',
  tau: 'τ',
  phi: 'φ',
  omega: 'ω',
  Sigma: 'Σ',
  Delta: 'Δ',
};
const FUNCTIONS = new Set(['exp', 'log', 'ln', 'sin', 'cos', 'tan', 'tanh', 'max', 'min']);
const SPACES: Record<string, number> = { ',': 0.17, ';': 0.28, ':': 0.22, quad: 1, qquad: 2, '!': -0.17, ' ': 0.25 };

class Unsupported extends Error {}

type Token = { kind: 'command'; name: string } | { kind: 'char'; char: string };

function tokenize(latex: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < latex.length;) {
    const c = latex[i];
    if (c === '\\') {
      const name = /^[A-Za-z]+/.exec(latex.slice(i + 1))?.[0] ?? latex[i + 1] ?? '';
      tokens.push({ kind: 'command', name });
      i += 1 + name.length;
    } else {
      if (!/\s/.test(c)) tokens.push({ kind: 'char', char: c });
      i += 1;
    }
  }
  if (tokens.length > MAX_TOKENS) throw new Unsupported('too long');
  return tokens;
}

class Typesetter {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isChar(char: string): boolean {
    const t = this.peek();
    return t?.kind === 'char' && t.char === char;
  }

  private expect(char: string): void {
    if (!this.isChar(char)) throw new Unsupported(`expected ${char}`);
    this.at++;
  }

  /** Everything up to `}` or `\right` or the end. */
  list(size: number): Box {
    const boxes: Box[] = [];
    let operand = false; // a + or - with no operand before it is a sign, set tight: -3, = -x
    for (
      let t = this.peek();
      t && !(t.kind === 'char' && t.char === '}') && !(t.kind === 'command' && t.name === 'right');
      t = this.peek()
    ) {
      if (!operand && t.kind === 'char' && (t.char === '-' || t.char === '+')) {
        this.at++;
        boxes.push(textBox(t.char === '-' ? '−' : '+', size, false));
        continue;
      }
      operand =
        !(t.kind === 'char' && '+-=<>,'.includes(t.char)) &&
        !(t.kind === 'command' && ['cdot', 'times', 'le', 'ge', 'leq', 'geq'].includes(t.name));
      boxes.push(this.scripted(size));
    }
    return row(boxes);
  }

  private group(size: number): Box {
    if (!this.isChar('{')) return this.atom(size);
    this.at++;
    const inside = this.list(size);
    this.expect('}');
    return inside;
  }

  /** The raw text of a {group}, for \operatorname and \mathrm. */
  private word(): string {
    this.expect('{');
    let text = '';
    for (let t = this.peek(); t && !(t.kind === 'char' && t.char === '}'); t = this.peek()) {
      text += t.kind === 'char' ? t.char : t.name === '_' ? '_' : (SYMBOLS[t.name] ?? '');
      this.at++;
    }
    this.expect('}');
    return text;
  }

  private scripted(size: number): Box {
    const base = this.atom(size);
    let sup: Box | null = null;
    let sub: Box | null = null;
    while (this.isChar('^') || this.isChar('_')) {
      const which = (this.peek() as { char: string }).char;
      this.at++;
      const script = this.group(size * 0.7);
      if (which === '^') sup = script;
      else sub = script;
    }
    return sup || sub ? scripts(base, sup, sub, size) : base;
  }

  private delimiter(): string {
    const t = this.peek();
    this.at++;
    if (!t) throw new Unsupported('missing delimiter');
    if (t.kind === 'char') return t.char;
    if (t.name === 'langle' || t.name === 'rangle' || t.name === '|' || t.name === '{' || t.name === '}')
      return SYMBOLS[t.name] ?? t.name;
    throw new Unsupported(`delimiter \\${t.name}`);
  }

  private atom(size: number): Box {
    const t = this.peek();
    if (!t) throw new Unsupported('unexpected end');
    this.at++;
    if (t.kind === 'char') {
      if (t.char === '{') {
        this.at--;
        return this.group(size);
      }
      if (t.char === '-') return operatorBox('−', size);
      if ('+=<>'.includes(t.char)) return operatorBox(t.char, size);
      if (t.char === ',') return row([textBox(',', size, false), spaceBox(0.17 * size)]);
      return textBox(t.char, size, /[A-Za-z]/.test(t.char));
    }
    const { name } = t;
    if (name === 'frac') return fraction(this.group(size * 0.9), this.group(size * 0.9), size);
    if (name === 'sqrt') return radical(this.group(size), size);
    if (name === 'left') {
      const open = this.delimiter();
      const inside = this.list(size);
      if (!(this.peek()?.kind === 'command' && (this.peek() as { name: string }).name === 'right'))
        throw new Unsupported('missing \\right');
      this.at++;
      return fenced(open, inside, this.delimiter(), size);
    }
    if (name === 'operatorname' || name === 'mathrm' || name === 'text') return textBox(this.word(), size, false);
    if (name === 'mathbb') return textBox(this.word() === '1' ? '𝟙' : this.word(), size, false);
    if (name in SPACES) return spaceBox(SPACES[name] * size);
    if (FUNCTIONS.has(name)) return row([textBox(name, size, false), spaceBox(0.1 * size)]);
    if (name === 'cdot' || name === 'times' || name === 'le' || name === 'ge' || name === 'leq' || name === 'geq')
      return operatorBox(SYMBOLS[name], size);
    if (name === 'langle' || name === 'rangle') return textBox(SYMBOLS[name], size, false);
    if (name in SYMBOLS) return textBox(SYMBOLS[name], size, name !== 'partial' && name !== 'infty');
    if (name === '_' || name === '%' || name === '&' || name === '#') return textBox(name, size, false);
    throw new Unsupported(`\\${name}`);
  }

  done(): boolean {
    return this.at >= this.tokens.length;
  }
}

/** The laid-out formula, or null when the LaTeX uses something outside the subset. */
export function layoutLatex(latex: string): Box | null {
  try {
    const typesetter = new Typesetter(tokenize(latex));
    const box = typesetter.list(1);
    return typesetter.done() ? box : null;
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
}

/** A standalone SVG of `latex`, ink following the theme kind; null when it cannot be typeset. */
export function latexSvg(latex: string, theme: ThemeKind): string | null {
  const box = layoutLatex(latex);
  if (!box) return null;
  const pad = 0.15;
  const width = box.width + 2 * pad;
  const height = box.ascent + box.descent + 2 * pad;
  const parts: string[] = [];
  box.draw(pad, pad + box.ascent, parts);
  const ink = INK[theme];
  const px = (em: number) => Math.ceil(em * PX_PER_EM);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${px(width)}" height="${px(height)}" viewBox="0 0 ${width.toFixed(3)} ${height.toFixed(3)}" color="${ink}" fill="${ink}" font-family="${FONT}">${parts.join('')}</svg>`;
}

/** base64 of UTF-8 text, with what both the Node and the web extension hosts have (TextEncoder, btoa). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function latexImageUri(latex: string, theme: ThemeKind): string | null {
  const svg = latexSvg(latex, theme);
  return svg && `data:image/svg+xml;base64,${base64(svg)}`;
}
