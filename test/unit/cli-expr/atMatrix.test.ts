import assert from 'node:assert/strict';
import { parseAt } from '../../../src/cli/derive';

describe('--at values', () => {
  it('reads scalars and vectors into `at`, and 2-D values into `matrices`', () => {
    assert.deepEqual(parseAt('w=0.5,x=[[1,2],[3,4]],y=[1, 2]'), {
      at: { w: 0.5, y: [1, 2] },
      matrices: {
        x: [
          [1, 2],
          [3, 4],
        ],
      },
    });
  });

  it('leaves `matrices` out when there are none', () => {
    assert.deepEqual(parseAt('w=0,x=[1,2,3,4]'), { at: { w: 0, x: [1, 2, 3, 4] } });
  });

  it('refuses ragged rows and non-numbers, naming the value', () => {
    assert.throws(() => parseAt('x=[[1,2],[3]]'), /x: the rows of "\[\[1,2\],\[3\]\]" differ in length/);
    assert.throws(() => parseAt('x=[[1,a],[3,4]]'), /x: "a" is not a number/);
  });
});
