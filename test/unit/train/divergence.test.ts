import assert from 'node:assert/strict';
import { divergenceAdvice, nonFiniteParameter, roundDown } from '../../../src/train/stability/divergence';
import { tutorialConfig } from '../../../src/train';

describe('divergence advice', () => {
  it('rounds a limit down to 4 significant digits so the advice stays below it', () => {
    assert.equal(roundDown(2 / 15), '0.1333');
    assert.equal(roundDown(0.26666666), '0.2666'); // toPrecision would say 0.2667, above the limit
    assert.equal(roundDown(3.8 / 15), '0.2533');
    assert.equal(roundDown(2), '2');
  });

  it('names the first parameter that stopped being finite', () => {
    assert.deepEqual(nonFiniteParameter({ w: [1, NaN, Infinity], b: 0 }), { name: 'w[1]', value: NaN });
    assert.deepEqual(nonFiniteParameter({ w: [-Infinity], b: null }), { name: 'w', value: -Infinity });
    assert.deepEqual(nonFiniteParameter({ w: [1], b: NaN }), { name: 'b', value: NaN });
    assert.equal(nonFiniteParameter({ w: [1, 2], b: 3 }), null);
  });

  it('points below the critical rate when the learning rate is above it, else to a tenth of the rate', () => {
    const config = tutorialConfig({ optimizer: { kind: 'sgd', lr: 0.2 } });
    assert.equal(
      divergenceAdvice(config, 2 / 15),
      'try a learning rate below 0.1333 (the critical rate 2/lambda_max of this loss on this data)',
    );
    assert.equal(
      divergenceAdvice(tutorialConfig({ optimizer: { kind: 'sgd', lr: 0.1 } }), 2 / 15),
      'try a smaller learning rate, such as 0.01',
    );
    assert.equal(
      divergenceAdvice(tutorialConfig({ optimizer: { kind: 'adam', lr: 5 } }), 2 / 15),
      'try a smaller learning rate, such as 0.5',
    );
    assert.equal(divergenceAdvice(config, null), 'try a smaller learning rate, such as 0.02');
  });
});
