import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkGradient, derive, type DeriveOptions } from '../../../src/expr';

/**
 * Whatever a user selects, derive and check answer with a result or a positioned error, never a throw:
 * token soup from every construct the language has (indexing, transposes, matrix products, reductions,
 * loss helpers), with and without values, including 2-D ones.
 */
describe('derive and check on arbitrary selections', () => {
  const parts = [
    'w',
    'x',
    'X',
    'y',
    'b',
    'w[0]',
    'w[-1]',
    '.T',
    '@',
    '*',
    '+',
    '-',
    '/',
    '**',
    '(',
    ')',
    '[',
    ']',
    ',',
    '1',
    '2.5',
    'np.mean(',
    'np.sum(',
    'np.dot(',
    'np.exp(',
    'np.log(',
    'torch.matmul(',
    'np.transpose(',
    '.mean()',
    '.sum()',
    'np.maximum(0, ',
    'F.mse_loss(',
    'len(',
    'mean(',
    'abs(',
    ' ',
  ];
  const text = fc.array(fc.constantFrom(...parts), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
  const options = fc.constantFrom<DeriveOptions>(
    {},
    {
      at: { w: [0.5, -1], y: [1, 2], x: [1, 2], b: 0.3 },
      matrices: {
        X: [
          [1, 2],
          [3, 4],
        ],
      },
    },
    { at: { w: [1, 2, 3], x: [1, 2, 3], y: [0, 1, 2] } },
    { at: { w: 0.5, x: [1, 2], y: [2, 4] } },
  );

  it('never throw: an answer or an error with a message and a column', () => {
    fc.assert(
      fc.property(text, options, (t, o) => {
        for (const outcome of [derive(t, o), checkGradient(t, t, o)]) {
          if (!outcome.ok) {
            assert.ok(outcome.error.message.length > 0);
            assert.ok(
              Number.isInteger(outcome.error.column) && outcome.error.column >= 1,
              JSON.stringify(outcome.error),
            );
          }
        }
        const derived = derive(t, o);
        if (derived.ok) for (const d of Object.values(derived.value.derivatives)) assert.ok(Array.isArray(d.steps));
      }),
      { numRuns: 5000 },
    );
  });
});
