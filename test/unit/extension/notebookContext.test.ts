import assert from 'node:assert/strict';
import { joinCells } from '../../../src/extension/hover/notebookContext';

describe('notebook cells as one context', () => {
  const joined = joinCells([
    { index: 0, text: 'import numpy as np' },
    { index: 2, text: 'def forward(x):\n    return w * x' },
    { index: 3, text: 'l = ((forward(x) - y)**2).mean()' },
  ]);
  it('joins the code cells up to the hovered one, which starts at `base`', () => {
    assert.equal(joined.text.slice(joined.base), 'l = ((forward(x) - y)**2).mean()');
    assert.ok(joined.text.startsWith('import numpy as np\ndef forward(x):'));
  });
  it('names a line of the joined text by its cell (1-based, as the notebook shows it)', () => {
    assert.equal(joined.lineLabel(1), 'cell 1, line 1');
    assert.equal(joined.lineLabel(3), 'cell 3, line 2');
    assert.equal(joined.lineLabel(4), 'cell 4, line 1');
  });
});
