import assert from 'node:assert/strict';
import {
  hoverMarkdown,
  noFormulaLine,
  notAnExpressionLine,
  questionLine,
  valueLine,
  type HoverView,
} from '../../../src/extension/hover/hoverMarkdown';
import { longProgramResult, perElementResult, tutorialResult, vectorWithoutFormulaResult } from './fixtures';

function view(overrides: Partial<HoverView> = {}): HoverView {
  return {
    result: tutorialResult(),
    asWritten: '((y_pred-y)**2).mean()',
    fence: 'python',
    precision: 6,
    notation: 'both',
    links: {
      copy: (p) => `command:copy?${p}`,
      steps: 'command:steps',
      graph: 'command:graph',
      checkGradient: 'command:check',
      train: 'command:train',
    },
    ...overrides,
  };
}

describe('derivative hover text', () => {
  it('asks the question first: which partials of the expression as written, and what it became inlined', () => {
    assert.equal(
      questionLine(tutorialResult(), '((y_pred-y)**2).mean()'),
      '**∂/∂w** of `((y_pred-y)**2).mean()` = `((w*x - y)**2).mean()`',
    );
  });
  it('does not repeat an expression that had nothing to inline', () => {
    assert.equal(questionLine(tutorialResult(), '((w*x - y) ** 2).mean()'), '**∂/∂w** of `((w*x - y) ** 2).mean()`');
    assert.equal(questionLine(tutorialResult()), '**∂/∂w** of `((w*x - y)**2).mean()`');
  });
  it("gives the value at the file's numbers as the tutorial states it, then the loss there", () => {
    assert.equal(valueLine(tutorialResult(), 'w', 6), '∂L/∂w = -30.0 at w = 0');
    assert.ok(hoverMarkdown(view()).includes('∂L/∂w = -30.0 at w = 0\n\nwhere L = 30.0'));
  });
  it("shows the derivative in the file's syntax as a copyable python block, then in Unicode math", () => {
    const text = hoverMarkdown(view());
    assert.ok(text.includes('```python\n(2*x*(w*x - y)).mean()\n```'), text);
    assert.ok(text.includes('∂L/∂w = mean(2·x·(w·x − y))'), text);
    assert.ok(text.indexOf('```python') < text.indexOf('∂L/∂w = mean'));
  });
  it("lists the inlined definitions and the file's values with their lines", () => {
    const text = hoverMarkdown(view());
    assert.ok(text.includes('Inlined: `y_pred = forward(x)` (line 35) · `forward` → `w * x` (line 9)'), text);
    assert.ok(text.includes('`w = 0.0` (line 7)'), text);
    assert.ok(text.includes('`x = np.array([1,2,3,4], dtype = np.float32)` (line 4)'), text);
  });
  it('names lines the way the caller does (notebook cells)', () => {
    const text = hoverMarkdown(view({ lineLabel: (line) => `cell 2, line ${line}` }));
    assert.ok(text.includes('(cell 2, line 35)'), text);
  });
  it('ends with command links, only those given', () => {
    const all = hoverMarkdown(view());
    assert.ok(
      all.endsWith(
        '[Copy derivative](command:copy?w) · [Show steps](command:steps) · [Show graph](command:graph) · [Check my gradient](command:check) · [Train with this loss](command:train)',
      ),
      all,
    );
    const some = hoverMarkdown(view({ links: { copy: () => 'command:copy' } }));
    assert.ok(!some.includes('Check my gradient') && !some.includes('Show steps'), some);
  });
  it("puts a program's numbers first, in one line, when its formulas are long", () => {
    const text = hoverMarkdown(view({ result: longProgramResult(), asWritten: 'g', precision: 6 }));
    const blocks = text.split('\n\n');
    assert.equal(blocks[1], '**L = 24.7041 · ∂L/∂a = 138.834 · ∂L/∂b = 645.577 at a = -4, b = 2**');
    assert.ok(!text.includes('where L ='), text);
    assert.ok(!text.includes('∂L/∂a = 138.834 at'), text);
  });
  it('shows a long formula once, as copyable source, without its Unicode twin or a typeset image', () => {
    const result = longProgramResult();
    const text = hoverMarkdown(view({ result, asWritten: 'g', image: () => 'data:image/svg+xml;base64,AAAA' }));
    assert.ok(text.includes(`\`\`\`python\n${result.derivatives.a.source}\n\`\`\``), text);
    assert.ok(!text.includes('∂L/∂a = (3'), text);
    assert.ok(!text.includes('data:image'), text);
    assert.ok(hoverMarkdown(view({ result, notation: 'unicode' })).includes('∂L/∂a = (3'));
  });
  it('keeps the short layout for a short formula: formula, its value, then the loss', () => {
    const text = hoverMarkdown(view());
    assert.ok(text.split('\n\n')[1].startsWith('```python'), text);
  });
  it('follows the notation setting', () => {
    assert.ok(!hoverMarkdown(view({ notation: 'source' })).includes('mean(2·x'));
    assert.ok(!hoverMarkdown(view({ notation: 'unicode' })).includes('```python'));
    assert.ok(hoverMarkdown(view({ notation: 'latex' })).includes('```latex\n\\frac'));
  });
  it('puts the typeset image between the copyable source and the Unicode text, which stays right under it', () => {
    const text = hoverMarkdown(view({ image: () => 'data:image/svg+xml;base64,AAAA' }));
    const image = text.indexOf('![∂L/∂w = mean(2·x·(w·x − y))](data:image/svg+xml;base64,AAAA)');
    assert.ok(image > text.indexOf('```python'), text);
    assert.equal(text.slice(image).split('\n\n')[1], '∂L/∂w = mean(2·x·(w·x − y))');
  });
  it('shows warnings escaped, so names with underscores stay literal', () => {
    const result = { ...tutorialResult(), warnings: ['abs is not differentiable at y_true = 0'] };
    assert.ok(hoverMarkdown(view({ result })).includes('⚠ abs is not differentiable at y\\_true = 0'));
  });
  it('gives each parameter its own section and copy link when there are several', () => {
    const base = tutorialResult();
    const result = {
      ...base,
      parameters: ['w', 'b'],
      derivatives: {
        ...base.derivatives,
        b: { ...base.derivatives.w, source: '(2*(w*x + b - y)).mean()', unicode: '∂L/∂b = mean(2·(w·x + b − y))' },
      },
      values: null,
    };
    const text = hoverMarkdown(view({ result }));
    assert.ok(text.startsWith('**∂/∂w, ∂/∂b** of'), text);
    assert.ok(text.includes('**∂L/∂b**') && text.includes('[Copy ∂/∂b](command:copy?b)'), text);
  });
  it('says so when there is nothing to differentiate', () => {
    const result = { ...tutorialResult(), expression: '2 + 3', parameters: [], derivatives: {} };
    assert.equal(hoverMarkdown(view({ result, asWritten: undefined })), '`2 + 3` has no parameters to differentiate');
  });
  it('says in one quiet line why a selection is not an expression', () => {
    assert.equal(notAnExpressionLine("unexpected ':'", 7), "not an expression: unexpected ':' at column 7");
    assert.equal(
      notAnExpressionLine("'def' starts a statement, not an expression", 1),
      "'def' starts a statement, not an expression (column 1)",
    );
  });
  describe('a vector parameter', () => {
    it("without a formula: one line saying so with autograd's value, no empty code block, formula or copy/steps link", () => {
      const text = hoverMarkdown(view({ result: vectorWithoutFormulaResult(), asWritten: '(x @ w - 1)**2' }));
      assert.ok(
        text.includes(
          "\n\n∂L/∂w: no symbolic form for a vector parameter yet; autograd's value at the file's numbers: \\[-3.0, -6.0\\]\n\n",
        ),
        text,
      );
      assert.ok(!text.includes('```'), text);
      assert.ok(!text.includes('∂L/∂w = ('), text);
      assert.ok(!text.includes('Copy derivative') && !text.includes('Show steps'), text);
      assert.ok(text.endsWith('[Check my gradient](command:check) · [Train with this loss](command:train)'), text);
      assert.ok(!text.includes('not supported yet (w)'), `the footer repeats the line: ${text}`);
    });
    it("without a formula or values: says the value needs the file's numbers, and never draws an image", () => {
      const result = { ...vectorWithoutFormulaResult(), values: null };
      assert.equal(
        noFormulaLine(result, 'w', 6),
        '∂L/∂w: no symbolic form for a vector parameter yet; autograd gives its value once the file gives every name in the loss a value',
      );
      const text = hoverMarkdown(view({ result, image: () => assert.fail('no image of an empty formula') }));
      assert.ok(!text.includes('```') && !text.includes('!['), text);
    });
    it('without a formula, next to a scalar one: the scalar keeps its block and its copy link, steps stay offered', () => {
      const vector = vectorWithoutFormulaResult();
      const scalar = tutorialResult().derivatives.w;
      const result = {
        ...vector,
        parameters: ['w', 'b'],
        derivatives: { ...vector.derivatives, b: { ...scalar, unicode: '∂L/∂b = 2·(x·w − 1)' } },
      };
      const text = hoverMarkdown(view({ result }));
      assert.ok(
        text.includes('**∂L/∂b**') && text.includes('[Copy ∂/∂b](command:copy?b) · [Show steps](command:steps)'),
        text,
      );
      assert.ok(!text.includes('Copy ∂/∂w'), text);
      assert.equal((text.match(/```python/g) ?? []).length, 1, text);
    });
    it('per element: the formula in a block, the note that it holds element by element right under it, then the values', () => {
      const text = hoverMarkdown(view({ result: perElementResult(), asWritten: '-np.mean(y*np.log(p))' }));
      const blocks = text.split('\n\n');
      const block = blocks.indexOf('```python\n-y/(p*len(p))\n```');
      assert.ok(block > 0, text);
      assert.deepEqual(blocks.slice(block + 1, block + 4), [
        '∂L/∂p = −y/(p·len(p))',
        'p is a vector: ∂L/∂p is elementwise, element i of the formula is ∂L/∂p\\[i\\]',
        '∂L/∂p = \\[-1.0, 0.0\\] at p = \\[0.5, 0.2\\]', // brackets escaped: markdown would read a link
      ]);
      assert.ok(!text.includes('⚠ p is a vector'), `said twice: ${text}`);
      assert.ok(text.includes('[Copy derivative](command:copy?p) · [Show steps](command:steps)'), text);
    });
  });
});
