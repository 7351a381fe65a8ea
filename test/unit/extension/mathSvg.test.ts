import assert from 'node:assert/strict';
import { derivativeLatex } from '../../../src/extension/typeset/derivativeLatex';
import { latexImageUri, latexSvg, layoutLatex } from '../../../src/extension/typeset/mathSvg';
import { tutorialResult } from './fixtures';

const TUTORIAL = '\\frac{\\partial L}{\\partial w} = \\operatorname{mean}\\left(2 x \\left(w x - y\\right)\\right)';

function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('the typeset derivative image', () => {
  it('draws every symbol of the tutorial derivative, in order', () => {
    const svg = latexSvg(TUTORIAL, 'dark')!;
    assert.deepEqual(texts(svg), ['∂', 'L', '∂', 'w', '=', 'mean', '2', 'x', 'w', 'x', '−', 'y']);
  });
  it('stacks a fraction: taller than the same symbols on one line', () => {
    const stacked = layoutLatex('\\frac{\\partial L}{\\partial w}')!;
    const inline = layoutLatex('\\partial L / \\partial w')!;
    assert.ok(stacked.ascent + stacked.descent > 1.5 * (inline.ascent + inline.descent));
    assert.ok(stacked.width < inline.width);
  });
  it('grows parentheses with what they enclose', () => {
    const flat = layoutLatex('\\left(x\\right)')!;
    const tall = layoutLatex('\\left(\\frac{1}{n}\\right)')!;
    assert.ok(tall.ascent + tall.descent > flat.ascent + flat.descent);
  });
  it('sets a leading minus as a sign, binary minus with space around it', () => {
    const sign = layoutLatex('-x')!;
    const difference = layoutLatex('w - x')!;
    const w = layoutLatex('w')!;
    assert.ok(difference.width - w.width > sign.width + 0.3);
  });
  it('follows the theme kind with its ink colour', () => {
    assert.match(latexSvg('x', 'dark')!, /fill="#e4e4e4"/);
    assert.match(latexSvg('x', 'light')!, /fill="#1f1f1f"/);
  });
  it('escapes text for XML', () => {
    assert.ok(latexSvg('a < b', 'light')!.includes('&lt;'));
  });
  it('gives up (null) on LaTeX outside its subset, and on unbalanced groups', () => {
    assert.equal(layoutLatex('\\begin{matrix} a \\end{matrix}'), null);
    assert.equal(layoutLatex('\\frac{1}{2'), null);
    assert.equal(layoutLatex('x}'), null);
  });
  it('is a base64 SVG data URI that decodes to the same SVG', () => {
    const uri = latexImageUri('\\theta^{2}', 'dark')!;
    assert.ok(uri.startsWith('data:image/svg+xml;base64,'));
    assert.equal(Buffer.from(uri.split(',')[1], 'base64').toString('utf8'), latexSvg('\\theta^{2}', 'dark'));
    assert.ok(latexSvg('\\theta^{2}', 'dark')!.includes('>θ<'));
  });
  it('writes the left-hand side when src/expr gives only the right', () => {
    const derivative = { ...tutorialResult().derivatives.w, latex: '\\operatorname{mean}\\left(x\\right)' };
    assert.equal(
      derivativeLatex(derivative, 'w'),
      '\\frac{\\partial L}{\\partial w} = \\operatorname{mean}\\left(x\\right)',
    );
    assert.equal(derivativeLatex({ ...derivative, latex: TUTORIAL }, 'w'), TUTORIAL);
  });
});
