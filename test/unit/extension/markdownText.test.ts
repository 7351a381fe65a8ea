import assert from 'node:assert/strict';
import { codeBlock, escapeMarkdown, inlineCode, shorten } from '../../../src/extension/hover/markdownText';

describe('markdown helpers', () => {
  it('escape what would format prose but leave numbers readable', () => {
    assert.equal(escapeMarkdown('y_pred * 2 = -30.0'), 'y\\_pred \\* 2 = -30.0');
    assert.equal(escapeMarkdown('# not a title'), '\\# not a title');
  });
  it('fence code that itself contains backticks', () => {
    assert.equal(inlineCode('a`b'), '``a`b``');
    assert.equal(codeBlock('x ``` y', 'python'), '````python\nx ``` y\n````');
  });
  it('shorten long text to one line with an ellipsis', () => {
    assert.equal(shorten('a +\n  b', 10), 'a + b');
    assert.equal(shorten('abcdefghij', 5), 'abcd…');
  });
});
