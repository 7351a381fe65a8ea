// How a gradient check reads in the editor: the diagnostic's severity and message, the CodeLens title
// after a check, and, when the hand-written gradient is off by a constant factor, the corrected text.
import type { GradientVerdict } from '../../expr';
import { formatFloat, formatValue } from '../hover/numberFormat';

interface GradientFix {
  title: string;
  replacement: string;
}

export interface VerdictView {
  severity: 'information' | 'warning';
  /** The diagnostic's message. */
  message: string;
  /** The CodeLens title once checked. */
  lensTitle: string;
  fix?: GradientFix;
}

const PRECISION = 6;

/** True when `text` is one operand (a name, number, call or attribute chain), so `text / 4` needs no parentheses. */
export function isSingleOperand(text: string): boolean {
  let depth = 0;
  for (const c of text.trim()) {
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && !/[\w.]/.test(c)) return false;
    if (depth < 0) return false;
  }
  return depth === 0 && text.trim().length > 0;
}

function operand(text: string): string {
  const trimmed = text.trim();
  return isSingleOperand(trimmed) ? trimmed : `(${trimmed})`;
}

function nearInteger(x: number): number | null {
  const n = Math.round(x);
  return n !== 0 && Math.abs(x - n) <= 1e-6 * Math.max(1, Math.abs(x)) ? n : null;
}

/**
 * The gradient expression corrected by a constant: `ratio` is yours / autograd's, so the fix divides
 * by it (a 4x gradient gets `/ 4`, a half-size one `2 * `, a flipped one a leading minus).
 */
export function scaledExpression(text: string, ratio: number): { replacement: string; action: string } {
  const flip = ratio < 0;
  const size = Math.abs(ratio);
  const base = flip ? `-${operand(text)}` : text.trim();
  const flipWords = flip ? 'flip the sign' : '';
  const divisor = nearInteger(size);
  if (divisor === 1) return { replacement: base, action: flipWords };
  const join = (words: string) => (flip ? `${flipWords} and ${words}` : words);
  if (divisor !== null)
    return { replacement: `${flip ? base : operand(base)} / ${divisor}`, action: join(`divide by ${divisor}`) };
  const multiplier = nearInteger(1 / size);
  if (multiplier !== null)
    return { replacement: `${multiplier} * ${operand(base)}`, action: join(`multiply by ${multiplier}`) };
  const factor = formatFloat(size, PRECISION);
  return { replacement: `${operand(base)} / ${factor}`, action: join(`divide by ${factor}`) };
}

function fixFor(text: string, ratio: number, name: string): GradientFix {
  const { replacement, action } = scaledExpression(text, ratio);
  return { title: `Autograd Lab: ${action} in ${name} to match autograd`, replacement };
}

function sizeWords(ratio: number): string {
  const size = Math.abs(ratio);
  const direction = ratio < 0 ? ' with the wrong sign' : '';
  if (size > 1) return `${formatFloat(size, 4).replace(/\.0$/, '')}x too large${direction}`;
  return `${formatFloat(1 / size, 4).replace(/\.0$/, '')}x too small${direction}`;
}

export function presentVerdict(verdict: GradientVerdict, gradientText: string, name: string): VerdictView {
  // src/expr's message gives both values and the likely cause; ours leads with the verdict in a few words.
  const values = `yours: ${formatValue(verdict.user, PRECISION)}, autograd: ${formatValue(verdict.autograd, PRECISION)}`;
  const explained = (headline: string) =>
    verdict.message.trim() ? `${headline}. ${verdict.message.trim()}` : `${headline} (${values}).`;
  switch (verdict.kind) {
    case 'match':
      return {
        severity: 'information',
        message: explained(`${name} matches autograd`),
        lensTitle: '✓ Gradient matches autograd',
      };
    case 'ratio': {
      const words = sizeWords(verdict.ratio);
      return {
        severity: 'warning',
        message: explained(`${name} is ${words}`),
        lensTitle: `⚠ Gradient is ${words}: check again`,
        fix: fixFor(gradientText, verdict.ratio, name),
      };
    }
    case 'sign':
      return {
        severity: 'warning',
        message: explained(`${name} has the wrong sign`),
        lensTitle: '⚠ Gradient has the wrong sign: check again',
        fix: fixFor(gradientText, -1, name),
      };
    case 'wrong':
      return {
        severity: 'warning',
        message: explained(`${name} differs from autograd`),
        lensTitle: '✗ Gradient differs from autograd: check again',
      };
    default: {
      const unknown: never = verdict;
      return unknown;
    }
  }
}
