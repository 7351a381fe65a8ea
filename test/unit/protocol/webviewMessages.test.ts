import assert from 'node:assert/strict';
import { validateFromWebview, validateToWebview } from '../../../src/protocol/webviewMessages';

describe('page -> extension messages', () => {
  it('accept an export of text the page made', () => {
    const message = { type: 'export', format: 'pytorch', text: 'import torch\n' };
    assert.deepEqual(validateFromWebview(message), { ok: true, value: message });
  });

  it('refuse an export format the extension does not write', () => {
    const result = validateFromWebview({ type: 'export', format: 'exe', text: '' });
    assert.deepEqual(result, {
      ok: false,
      error: {
        message: "message.format: expected 'csv' | 'json' | 'pytorch' | 'numpy', got string",
        field: 'message.format',
      },
    });
  });

  it('accept a PNG data URL and refuse anything else as an image', () => {
    assert.equal(validateFromWebview({ type: 'exportPng', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }).ok, true);
    const result = validateFromWebview({ type: 'exportPng', dataUrl: 'javascript:alert(1)' });
    assert.deepEqual(result, {
      ok: false,
      error: {
        message: 'message.dataUrl: expected a PNG data URL (data:image/png;base64,...)',
        field: 'message.dataUrl',
      },
    });
  });

  it('accept the loss the panel trains, or null for a built-in loss, and nothing else', () => {
    const message = { type: 'trainingLoss', lossExpr: '((y_pred-y)**2).mean()' };
    assert.deepEqual(validateFromWebview(message), { ok: true, value: message });
    assert.deepEqual(validateFromWebview({ type: 'trainingLoss', lossExpr: null }), {
      ok: true,
      value: { type: 'trainingLoss', lossExpr: null },
    });
    assert.equal(validateFromWebview({ type: 'trainingLoss', lossExpr: 42 }).ok, false);
    assert.equal(validateFromWebview({ type: 'trainingLoss' }).ok, false);
  });
});

describe('extension -> page messages', () => {
  it('carry a launch from the hover with its loss, model and data', () => {
    const launch = {
      lossExpr: '((y_pred-y)**2).mean()',
      modelExpr: 'w*x',
      data: { x: [[1], [2]], y: [2, 4] },
      source: 'tutorial_numpy.py:19',
    };
    assert.deepEqual(validateToWebview({ type: 'launch', launch }), { ok: true, value: { type: 'launch', launch } });
  });

  it('carry a workspace file as text to be parsed in the worker', () => {
    const source = { kind: 'file', label: 'data.csv', format: 'csv', text: 'x,y\n1,2\n', target: 'y' };
    assert.deepEqual(validateToWebview({ type: 'data', source }), { ok: true, value: { type: 'data', source } });
  });

  it('refuse a data message whose source kind is unknown', () => {
    const result = validateToWebview({ type: 'data', source: { kind: 'url', href: 'http://example.com' } });
    assert.deepEqual(result, {
      ok: false,
      error: {
        message: "message.source.kind: expected 'tutorial' | 'synthetic' | 'shape' | 'inline' | 'file', got string",
        field: 'message.source.kind',
      },
    });
  });
});
