import assert from 'node:assert/strict';
import { parseAt, runDerive } from '../../../src/cli/derive';
import type { CliIo } from '../../../src/cli/io';

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

describe('derive with a matrix parameter from --at', () => {
  it('prints the gradient as rows: sum(W*W) at [[1, 2], [3, 4]] is 30, with gradient 2W', async () => {
    let out = '';
    const io = {
      stdout: (text: string) => void (out += text),
      stderr: (text: string) => assert.fail(text),
      readFile: () => assert.fail('no file is read'),
    } as unknown as CliIo;
    assert.equal(await runDerive(['np.sum(W*W)', '--at', 'W=[[1,2],[3,4]]'], io), 0);
    assert.ok(out.includes('∂L/∂W = 2·W\n  2*W\n'), out);
    // 1 + 4 + 9 + 16 = 30; 2W by hand
    assert.ok(out.includes('at W = [[1, 2], [3, 4]]:\n  L = 30, ∂L/∂W = [[2, 4], [6, 8]]\n'), out);
  });
});
