import assert from 'node:assert/strict';
import { DEFAULT_SETTINGS, parametersIn, sanitizeSettings } from '../../../src/extension/settingsModel';

describe('settings', () => {
  it('default to the hover on, also without a selection, both notations, 6 digits, no image', () => {
    assert.deepEqual(sanitizeSettings({}), DEFAULT_SETTINGS);
    assert.deepEqual(DEFAULT_SETTINGS, {
      hoverEnabled: true,
      withoutSelection: true,
      notation: 'both',
      precision: 6,
      parameterNames: [],
      typesetImage: false,
    });
  });
  it('fall back to defaults on wrong types and clamp the precision to 1..17', () => {
    const s = sanitizeSettings({
      hoverEnabled: 'no',
      notation: 'fancy',
      precision: 99,
      parameterNames: ['w', 3, 'not a name'],
    });
    assert.equal(s.hoverEnabled, true);
    assert.equal(s.notation, 'both');
    assert.equal(s.precision, 17);
    assert.deepEqual(s.parameterNames, ['w']);
  });
  it('differentiate only by configured names the file mentions', () => {
    assert.deepEqual(parametersIn('y_pred = w * x', ['w', 'b']), ['w']);
    assert.equal(parametersIn('y_pred = w * x', ['theta']), undefined);
    assert.equal(parametersIn('weights = 1', ['w']), undefined);
  });
});
