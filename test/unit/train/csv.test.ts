import assert from 'node:assert/strict';
import type { Result } from '../../../src/common/result';
import type { Dataset } from '../../../src/train/types';
import { MAX_CSV_BYTES, parseCsv, type CsvError } from '../../../src/train/data/csv';

function errorOf(result: Result<Dataset, CsvError>): { message: string; line: number; column: number } {
  assert.equal(result.ok, false, 'expected a parse error');
  return (result as Extract<Result<Dataset, CsvError>, { ok: false }>).error;
}

describe('parseCsv', () => {
  it('reads a header and numeric rows, the target column apart from the features', () => {
    const result = parseCsv('a,y,b\n1,2,3\n4.5,-6e1,.5\n', 'y');
    assert.ok(result.ok);
    const { value: dataset } = result;
    assert.equal(dataset.n, 2);
    assert.equal(dataset.d, 2);
    assert.deepEqual(Array.from(dataset.x), [1, 3, 4.5, 0.5]);
    assert.deepEqual(Array.from(dataset.y), [2, -60]);
    assert.deepEqual(dataset.featureNames, ['a', 'b']);
    assert.equal(dataset.targetName, 'y');
  });

  it('accepts CRLF line ends, a byte order mark, quoted cells, spaces and blank lines', () => {
    const result = parseCsv('\uFEFF"x", "y"\r\n 1 , "2"\r\n\r\n3,4\r\n', 'y');
    assert.ok(result.ok);
    assert.deepEqual(Array.from(result.value.x), [1, 3]);
    assert.deepEqual(Array.from(result.value.y), [2, 4]);
  });

  it('points at a non-numeric cell by line and column', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n1,2\n3,abc\n', 'y')), {
      message: '"abc" is not a number (column "y")',
      line: 3,
      column: 3,
    });
  });

  it('refuses NaN and Infinity cells, which would make training diverge', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\nNaN,1\n', 'y')), {
      message: '"NaN" is not a number (column "x")',
      line: 2,
      column: 1,
    });
    assert.equal(errorOf(parseCsv('x,y\n1,Infinity\n', 'y')).column, 3);
  });

  it('points at an empty cell', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n1,2\n5,\n', 'y')), {
      message: 'empty cell in column "y"',
      line: 3,
      column: 3,
    });
  });

  it('points at the extra cell of a row longer than the header', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n1,2\n3,4,5\n', 'y')), {
      message: 'row has 3 cells but the header has 2',
      line: 3,
      column: 5,
    });
  });

  it('counts one cell in the singular', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n1,2\n3\n', 'y')), {
      message: 'row has 1 cell but the header has 2',
      line: 3,
      column: 2,
    });
  });

  it('recognizes a file separated by semicolons or tabs, pointing at the first separator of the header', () => {
    const semicolon = "this file seems to use ';' as separator; autograd-lab reads comma-separated values";
    assert.deepEqual(errorOf(parseCsv('size;price\n1;2\n', 'price')), { message: semicolon, line: 1, column: 5 });
    assert.deepEqual(errorOf(parseCsv('\nx\ty\n1\t2\n', 'y')), {
      message: 'this file seems to use tabs as separator; autograd-lab reads comma-separated values',
      line: 2,
      column: 2,
    });
  });

  it('says a number too large for a double overflows to infinity, rather than that it is not a number', () => {
    // The largest double is 1.7976931348623157e308; 1e400 and -1e400 round to +-Infinity.
    assert.deepEqual(errorOf(parseCsv('x,y\n1e400,2\n', 'y')), {
      message: '"1e400" overflows to infinity (column "x"; the largest number is about 1.8e308)',
      line: 2,
      column: 1,
    });
    assert.equal(
      errorOf(parseCsv('x,y\n1,-1e400\n', 'y')).message,
      '"-1e400" overflows to -infinity (column "y"; the largest number is about 1.8e308)',
    );
    assert.ok(
      parseCsv('x,y\n1.7976931348623157e308,1e-400\n', 'y').ok,
      'the largest double is accepted, and a tiny number rounds to 0 as numpy does',
    );
  });

  it('points past the end of a row shorter than the header', () => {
    assert.deepEqual(errorOf(parseCsv('x,y,z\n1,2,3\n10,20\n', 'y')), {
      message: 'row has 2 cells but the header has 3',
      line: 3,
      column: 6,
    });
  });

  it('says an empty file is empty, at line 1 column 1', () => {
    assert.deepEqual(errorOf(parseCsv('', 'y')), {
      message: 'the file is empty: expected a header row such as x,y',
      line: 1,
      column: 1,
    });
    assert.equal(errorOf(parseCsv('\n  \n', 'y')).line, 1);
  });

  it('says a header without rows has no data, on the line after the header', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n', 'y')), {
      message: 'the file has a header but no data rows',
      line: 2,
      column: 1,
    });
  });

  it('names the columns when the target column is missing', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n1,2\n', 'price')), {
      message: 'no column named "price"; the columns are x, y',
      line: 1,
      column: 1,
    });
  });

  it('points at a duplicate or unnamed header column', () => {
    assert.deepEqual(errorOf(parseCsv('x,y,x\n1,2,3\n', 'y')), {
      message: 'duplicate column name "x" (also column 1)',
      line: 1,
      column: 5,
    });
    assert.deepEqual(errorOf(parseCsv('x,,y\n1,2,3\n', 'y')), {
      message: 'column 2 of the header has no name',
      line: 1,
      column: 3,
    });
  });

  it('needs a feature besides the target', () => {
    assert.equal(
      errorOf(parseCsv('y\n1\n', 'y')).message,
      'the file needs at least one feature column besides the target "y"',
    );
  });

  it('points at an unterminated quote', () => {
    assert.deepEqual(errorOf(parseCsv('x,y\n1,"2\n', 'y')), {
      message: 'unterminated quoted cell',
      line: 2,
      column: 3,
    });
  });

  it(`refuses text over the ${MAX_CSV_BYTES / 1024 / 1024} MB limit before parsing it`, () => {
    const big = 'x,y\n' + '1,2\n'.repeat(Math.ceil(MAX_CSV_BYTES / 4));
    assert.deepEqual(errorOf(parseCsv(big, 'y')), {
      message: 'the file is larger than the 20 MB limit',
      line: 1,
      column: 1,
    });
  });
});
