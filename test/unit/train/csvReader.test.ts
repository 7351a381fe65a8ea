// The streaming CSV reader: whatever the chunks, the same data and the same errors, at the same line and
// column, as the whole text read at once. Expected values are written here from the text.
import assert from 'node:assert/strict';
import { CsvReader, readCsvChunks } from '../../../src/train/data/csvReader';
import type { Dataset } from '../../../src/train/types';

/** The text cut at the given offsets. */
function cut(text: string, ...at: number[]): string[] {
  const bounds = [0, ...at, text.length];
  return bounds.slice(1).map((end, k) => text.slice(bounds[k], end));
}

/** Every way to cut the text in two, and in pieces of one character. */
function everyCut(text: string): string[][] {
  const pairs = Array.from({ length: text.length + 1 }, (_, k) => cut(text, k));
  return [...pairs, [...text]];
}

function read(chunks: string[], dtype: 'float32' | 'float64' = 'float64'): Dataset {
  const result = readCsvChunks(chunks, { target: 'y', dtype });
  if (!result.ok) assert.fail(`${result.error.line}:${result.error.column}: ${result.error.message}`);
  return result.value;
}

function errorOf(chunks: string[]): string {
  const result = readCsvChunks(chunks, { target: 'y', dtype: 'float64' });
  assert.equal(result.ok, false, `expected an error for ${JSON.stringify(chunks)}`);
  const { error } = result as Extract<typeof result, { ok: false }>;
  return `${error.line}:${error.column}: ${error.message}`;
}

describe('CsvReader, chunk by chunk', () => {
  it('reads the same numbers wherever a chunk ends: inside a number, an exponent, a CRLF, a quoted cell', () => {
    const text = '\uFEFFa,y,"b"\r\n12.5,-3e2,"7"\r\n\r\n  .25 ,1e-1,"-0.5"\r\n4,5,6';
    for (const chunks of everyCut(text)) {
      const data = read(chunks);
      assert.equal(data.n, 3, JSON.stringify(chunks));
      assert.deepEqual(Array.from(data.x), [12.5, 7, 0.25, -0.5, 4, 6], JSON.stringify(chunks));
      assert.deepEqual(Array.from(data.y), [-300, 0.1, 5], JSON.stringify(chunks));
      assert.deepEqual(data.featureNames, ['a', 'b']);
    }
  });

  it('reads every plain decimal exactly as Number() does: long mantissas, exponents, signs, padding', () => {
    let seed = 12345;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const digits = (k: number) => Array.from({ length: k }, () => String(next(10))).join('');
    const cells = Array.from({ length: 4000 }, () => {
      const sign = ['', '-', '+'][next(3)];
      const whole = next(5) === 0 ? '' : digits(1 + next(20));
      const fraction = whole === '' || next(2) ? `.${digits(1 + next(20))}` : next(2) ? '.' : '';
      const exponent = next(3) === 0 ? `${'eE'[next(2)]}${['', '-', '+'][next(3)]}${next(330)}` : '';
      return `${' '.repeat(next(2))}${sign}${whole}${fraction}${exponent}${'\t'.repeat(next(2))}`;
    });
    const finite = cells.filter((cell) => Number.isFinite(Number(cell)));
    const data = read([`x,y\n${finite.map((cell) => `${cell},1`).join('\n')}\n`]);
    finite.forEach((cell, i) => assert.ok(Object.is(data.x[i], Number(cell)), `${JSON.stringify(cell)}: ${data.x[i]}`));
    assert.ok(finite.length > 3000);
  });

  it('keeps float32 data as float32: each value rounded once, to the nearest float32', () => {
    const data = read(cut('x,y\n0.1,1e-8\n16777217,3\n', 5, 17), 'float32');
    assert.ok(data.x instanceof Float32Array && data.y instanceof Float32Array);
    assert.deepEqual(Array.from(data.x), [Math.fround(0.1), 16777216]); // 2^24 + 1 is a tie, to even: 2^24
    assert.deepEqual(Array.from(data.y), [Math.fround(1e-8), 3]);
  });

  it('names the same line and column for an error, wherever the chunks end', () => {
    const cases: [string, string][] = [
      ['x,y\n1,2\n\n3,abc\n', '4:3: "abc" is not a number (column "y")'],
      ['x,y\r\n1,2\r\n3\r\n', '3:2: row has 1 cell but the header has 2'],
      ['x,y\n1,2\n"3,4\n', '3:1: unterminated quoted cell'],
      ['x,y\n1, \n', '2:4: empty cell in column "y"'],
      ['x,y\n1,2e400\n', '2:3: "2e400" overflows to infinity (column "y"; the largest number is about 1.8e308)'],
      ['x;y\n1;2\n', "1:2: this file seems to use ';' as separator; autograd-lab reads comma-separated values"],
      ['x,y\n', '2:1: the file has a header but no data rows'],
      ['\n \n', '1:1: the file is empty: expected a header row such as x,y'],
    ];
    for (const [text, expected] of cases) {
      for (const chunks of everyCut(text)) assert.equal(errorOf(chunks), expected, JSON.stringify(chunks));
    }
  });

  it('finds an error on line N when N is many chunks in, and stops reading there', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${2 * i}`);
    rows[3999] = '3999,7x';
    const text = `x,y\n${rows.join('\n')}\n`;
    const reader = new CsvReader({ target: 'y', dtype: 'float64' });
    let failedAt = -1;
    const chunks = cut(text, ...Array.from({ length: Math.floor(text.length / 97) }, (_, k) => (k + 1) * 97));
    for (let k = 0; k < chunks.length && failedAt < 0; k++) {
      const read = reader.push(chunks[k]);
      if (!read.ok) {
        failedAt = k;
        assert.deepEqual(read.error, { message: '"7x" is not a number (column "y")', line: 4001, column: 6 });
      }
    }
    assert.ok(failedAt > 300, `the error is found in the chunk that holds line 4001 (chunk ${failedAt})`);
    const after = reader.finish();
    assert.equal(after.ok, false, 'the reader stays failed');
  });

  it('sizes its arrays from a sample and the file size, and the data come out exactly', () => {
    const n = 3000;
    const text = `p,q,y\n${Array.from({ length: n }, (_, i) => `${i},${-i / 4},${i % 7}`).join('\n')}\n`;
    const result = readCsvChunks(cut(text, 1000, 20000), { target: 'y', dtype: 'float64', sizeHint: text.length });
    assert.ok(result.ok);
    const { x, y } = result.value;
    assert.equal(x.length, 2 * n);
    assert.equal(y.length, n);
    assert.deepEqual([x[2 * 2999], x[2 * 2999 + 1], y[2999]], [2999, -749.75, 2999 % 7]);
  });
});
