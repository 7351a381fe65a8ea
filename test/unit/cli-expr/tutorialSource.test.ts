import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TUTORIAL_NUMPY_SOURCE } from '../../../src/cli/tutorialNumpy';

describe('the numpy tutorial the CLI checks its gradient against', () => {
  it('is the program a user opens in samples/tutorial/tutorial_numpy.py, after its import', () => {
    const sample = readFileSync(path.join(__dirname, '../../../samples/tutorial/tutorial_numpy.py'), 'utf8');
    assert.equal(sample, `import numpy as np\n\n${TUTORIAL_NUMPY_SOURCE}`);
  });
});
