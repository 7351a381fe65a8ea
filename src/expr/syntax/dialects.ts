// Which of the three syntaxes a text is written in, and the conventions to print a result back in it:
// a numpy user gets np.mean or .mean(), a PyTorch user torch.*, a JS user Math.*.
import type { Syntax } from '../types';

/** How results are printed back in the source's own dialect. */
export interface Dialect {
  syntax: Syntax;
  /**
   * Python only: which library the source uses for functions; 'bare' when it calls them by name with no
   * module (`mean(abs(w*x - y))`, as after `from numpy import *`): the answer then does the same.
   */
  library: 'numpy' | 'torch' | 'bare';
  /** Python only: `(...).mean()` (method) or `np.mean(...)` (function). */
  reductions: 'method' | 'function';
}

export function syntaxOfLanguage(languageId: string | undefined): Syntax | undefined {
  switch (languageId) {
    case 'python':
    case 'jupyter':
      return 'python';
    case 'javascript':
    case 'typescript':
    case 'javascriptreact':
    case 'typescriptreact':
      return 'js';
    case 'latex':
    case 'markdown':
    case 'plaintext':
      return 'math';
    default:
      return undefined;
  }
}

/** Two operands side by side (`w x`) is implicit multiplication; Python only puts keywords there. */
const KEYWORD = '(?:and|or|not|in|is|if|else|for|lambda)\\b';
const SIDE_BY_SIDE = new RegExp(`\\b(?!${KEYWORD})[A-Za-z_]\\w*\\s+(?!${KEYWORD})[A-Za-z_(]`);

/** Detects the syntax from features only one of them has; plain `**` code counts as Python. */
export function detectSyntax(text: string): Syntax {
  if (/\?[^]*:/.test(text)) return 'js'; // c ? a : b: only JS has it
  if (/\bif\b[^]*\belse\b/.test(text)) return 'python'; // a if c else b
  if (/\b(np|numpy|torch|F|tf|jnp)\.|(?<!Math)\.(mean|sum|pow|clamp|exp|abs|dot)\(|\bmath\.\w|\w\s*=\s*[^=]/.test(text))
    return 'python';
  if (/\bMath\.\w|\.length\b|===|=>/.test(text)) return 'js';
  if (/[\^·⋅×−÷σ²³π]|\bln\(|\d\s*[A-Za-z(]|\)\s*[A-Za-z0-9(]/.test(text)) return 'math';
  if (SIDE_BY_SIDE.test(text)) return 'math';
  return 'python';
}

/** A call of a known function by its bare name: mean(...), exp(...), not x.mean() or np.exp(...). */
const BARE_CALLS =
  /(?<![\w.])(mean|sum|exp|log|log1p|expm1|sqrt|square|abs|tanh|sigmoid|maximum|minimum|clip|dot|logsumexp)\s*\(/;
const MODULE_CALLS = /\b(np|numpy|torch|F|math|jnp|tf|Math)\./;

/** One object per dialect (there are a dozen at most), so printers can cache their style by identity. */
const DIALECTS = new Map<string, Dialect>();

export function dialectOf(text: string, syntax: Syntax): Dialect {
  const library = /\b(torch|F)\./.test(text)
    ? 'torch'
    : syntax === 'python' && BARE_CALLS.test(text) && !MODULE_CALLS.test(text)
      ? 'bare'
      : 'numpy';
  const methodReduction = /(?<!\b(?:np|numpy|torch|jnp))\.(mean|sum)\(/.test(text); // x.mean(), not np.mean(x)
  const functionReduction = library === 'bare' || /\b(np|numpy|torch|jnp)\.(mean|sum|average)\(/.test(text);
  const reductions = functionReduction && !methodReduction ? 'function' : 'method';
  const key = `${syntax}/${library}/${reductions}`;
  let dialect = DIALECTS.get(key);
  if (!dialect) {
    dialect = Object.freeze({ syntax, library, reductions }) as Dialect;
    DIALECTS.set(key, dialect);
  }
  return dialect;
}
