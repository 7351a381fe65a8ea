// The web worker host's tests assert with test/vscode/harness/webAssert.ts in place of node:assert/strict:
// an assertion there that never failed would let every web test pass. So each one must fail exactly
// where Node's strict assert fails, which is the reference here.
import nodeAssert from 'node:assert/strict';
import webAssert, { AssertionError } from '../../vscode/harness/webAssert';

type Call = (assert: typeof nodeAssert | typeof webAssert) => void;

/** Whether the call throws. */
function throws(call: () => void): boolean {
  try {
    call();
    return false;
  } catch {
    return true;
  }
}

const cases: Array<[string, Call]> = [
  ['ok(true)', (a) => a.ok(true)],
  ['ok(1)', (a) => a.ok(1)],
  ['ok(0)', (a) => a.ok(0)],
  ['ok("")', (a) => a.ok('')],
  ['ok(undefined)', (a) => a.ok(undefined)],
  ['assert(false)', (a) => a(false)],
  ['equal(1, 1)', (a) => a.equal(1, 1)],
  ['equal(1, "1")', (a) => a.equal(1, '1')],
  ['equal(NaN, NaN)', (a) => a.equal(NaN, NaN)],
  ['equal(0, -0)', (a) => a.equal(0, -0)],
  ['equal({}, {})', (a) => a.equal({}, {})],
  ['equal("-30.0", "-30.0")', (a) => a.equal('-30.0', '-30.0')],
  ['deepEqual([1, 2], [1, 2])', (a) => a.deepEqual([1, 2], [1, 2])],
  ['deepEqual([1, 2], [1, "2"])', (a) => a.deepEqual([1, 2], [1, '2'])],
  ['deepEqual([1, 2], [1, 2, 3])', (a) => a.deepEqual([1, 2], [1, 2, 3])],
  ['deepEqual({ a: [1] }, { a: [1] })', (a) => a.deepEqual({ a: [1] }, { a: [1] })],
  ['deepEqual({ a: 1 }, { b: 1 })', (a) => a.deepEqual({ a: 1 }, { b: 1 })],
  ['deepEqual({ a: 1 }, { a: 1, b: undefined })', (a) => a.deepEqual({ a: 1 }, { a: 1, b: undefined })],
  ['deepEqual([], {})', (a) => a.deepEqual([], {})],
  ['deepEqual(["138.834"], ["138.835"])', (a) => a.deepEqual(['138.834'], ['138.835'])],
  ['deepEqual(new Map([[1, 2]]), new Map([[1, 2]]))', (a) => a.deepEqual(new Map([[1, 2]]), new Map([[1, 2]]))],
  ['deepEqual(new Map([[1, 2]]), new Map([[1, 3]]))', (a) => a.deepEqual(new Map([[1, 2]]), new Map([[1, 3]]))],
  ['match("w = 0", /w = \\d/)', (a) => a.match('w = 0', /w = \d/)],
  ['match("w = x", /w = \\d/)', (a) => a.match('w = x', /w = \d/)],
  ['doesNotMatch("w = 0", /w = \\d/)', (a) => a.doesNotMatch('w = 0', /w = \d/)],
  ['doesNotMatch("w = x", /w = \\d/)', (a) => a.doesNotMatch('w = x', /w = \d/)],
  ['fail("no")', (a) => a.fail('no')],
];

describe('webAssert, node:assert/strict for the web worker extension host', () => {
  for (const [title, call] of cases) {
    const nodeThrows = throws(() => call(nodeAssert));
    it(`${nodeThrows ? 'fails' : 'passes'} on ${title}, as node:assert/strict does`, () => {
      nodeAssert.equal(
        throws(() => call(webAssert)),
        nodeThrows,
      );
    });
  }

  it('throws an AssertionError with the given message, or one that shows both values', () => {
    nodeAssert.throws(() => webAssert.equal(-120, -30, 'the gradient'), {
      name: 'AssertionError',
      message: 'the gradient',
    });
    nodeAssert.throws(
      () => webAssert.equal(-120, -30),
      (error: unknown) => {
        nodeAssert.ok(error instanceof AssertionError);
        nodeAssert.equal(error.message, '-120 !== -30');
        nodeAssert.equal(error.actual, -120);
        nodeAssert.equal(error.expected, -30);
        return true;
      },
    );
  });
});
