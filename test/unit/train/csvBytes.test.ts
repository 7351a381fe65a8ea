// The CSV reader fed the file's bytes, as the CLI feeds it: rows of plain numbers are read from the bytes
// (csvNumbers.ts), other lines as text. Whatever the chunks, the numbers are Number()'s and every error is
// the text reader's, at the same line and column (columns count characters, not bytes).
import assert from 'node:assert/strict';
import { CsvReader } from '../../../src/train/data/csvReader';
import type { Dataset } from '../../../src/train/types';

type Read = { ok: true; data: Dataset } | { ok: false; error: string };

/** The UTF-8 bytes of `text` pushed in pieces that end at the given byte offsets. */
function readBytes(text: string, cuts: number[] = [], dtype: 'float32' | 'float64' = 'float64'): Read {
  const bytes = Buffer.from(text, 'utf8');
  const reader = new CsvReader({ target: 'y', dtype });
  const bounds = [0, ...cuts, bytes.length];
  for (let k = 1; k < bounds.length; k++) {
    const pushed = reader.pushBytes(bytes.subarray(bounds[k - 1], bounds[k]));
    if (!pushed.ok) return { ok: false, error: `${pushed.error.line}:${pushed.error.column}: ${pushed.error.message}` };
  }
  const result = reader.finish();
  return result.ok
    ? { ok: true, data: result.value }
    : { ok: false, error: `${result.error.line}:${result.error.column}: ${result.error.message}` };
}

/** The same text through the text reader, in one piece. */
function readText(text: string): Read {
  const reader = new CsvReader({ target: 'y', dtype: 'float64' });
  const pushed = reader.push(text);
  if (!pushed.ok) return { ok: false, error: `${pushed.error.line}:${pushed.error.column}: ${pushed.error.message}` };
  const result = reader.finish();
  return result.ok
    ? { ok: true, data: result.value }
    : { ok: false, error: `${result.error.line}:${result.error.column}: ${result.error.message}` };
}

const summary = (read: Read) =>
  read.ok
    ? JSON.stringify([read.data.n, read.data.d, [...read.data.x], [...read.data.y], read.data.featureNames])
    : read.error;

/** Every way to cut the bytes in two, and into single bytes. */
function everyCut(text: string): number[][] {
  const length = Buffer.byteLength(text);
  return [...Array.from({ length: length + 1 }, (_, k) => [k]), Array.from({ length: length - 1 }, (_, k) => k + 1)];
}

function values(read: Read): { x: number[]; y: number[] } {
  if (!read.ok) assert.fail(read.error);
  return { x: [...read.data.x], y: [...read.data.y] };
}

describe('CsvReader fed bytes', () => {
  it('reads the same numbers wherever a chunk ends: inside a number, a CRLF, a quoted cell, a UTF-8 character', () => {
    const text = '\uFEFFa,y,"b é"\r\n12.5,-3e2,"7"\r\n\r\n  .25 ,1e-1,-0.5\r\n4,5,6';
    for (const cuts of everyCut(text)) {
      const read = readBytes(text, cuts);
      assert.deepEqual(values(read), { x: [12.5, 7, 0.25, -0.5, 4, 6], y: [-300, 0.1, 5] }, JSON.stringify(cuts));
      assert.ok(read.ok && read.data.featureNames?.join() === 'a,b é');
    }
  });

  it('reads every plain decimal exactly as Number() does: up to 25 digits, exponents up to 330, signs, padding', () => {
    let seed = 987;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const digits = (k: number) => Array.from({ length: k }, () => String(next(10))).join('');
    const cells = Array.from({ length: 20000 }, () => {
      const sign = ['', '-', '+'][next(3)];
      const whole = next(5) === 0 ? '' : digits(1 + next(next(2) ? 25 : 9));
      const fraction = whole === '' || next(2) ? `.${digits(1 + next(next(2) ? 25 : 9))}` : next(2) ? '.' : '';
      const exponent = next(3) === 0 ? `${'eE'[next(2)]}${['', '-', '+'][next(3)]}${next(next(2) ? 330 : 30)}` : '';
      return `${' '.repeat(next(2))}${sign}${whole}${fraction}${exponent}${'\t'.repeat(next(2))}`;
    });
    const finite = cells.filter((cell) => Number.isFinite(Number(cell)));
    const { x, y } = values(
      readBytes(`x,y\n${finite.map((cell, i) => `${cell},${finite[finite.length - 1 - i]}`).join('\n')}\n`),
    );
    finite.forEach((cell, i) => {
      assert.ok(Object.is(x[i], Number(cell)), `${JSON.stringify(cell)}: ${x[i]}`);
      assert.ok(
        Object.is(y[finite.length - 1 - i], Number(cell)),
        `${JSON.stringify(cell)}: ${y[finite.length - 1 - i]}`,
      );
    });
    assert.ok(finite.length > 15000);
  });

  it('reads the numbers at the edges of the exact path as Number() does', () => {
    const cells = [
      '9007199254740991', // 2^53 - 1, the largest mantissa read without Number()
      '9007199254740992',
      '9007199254740993', // 2^53 + 1: its digits as a double round to 2^53
      '900719925474099.3',
      '0.9007199254740993',
      '123456789012345678901234567890',
      '1e22',
      '1e23', // 10^23 is not a double: Number() rounds it
      '4.35e-22',
      '4.35e-23',
      '-0',
      '-0.0e5',
      '0e400',
      '5.',
      '+.5',
      '1.7976931348623157e308',
      '4.9e-324',
      '1e-400',
      '0.1',
      '0.30000000000000004',
    ];
    // and the 16-digit mantissas on either side of 2^53, the point anywhere
    for (let last = 0; last < 2000; last++) {
      const digits = String(9007199254739000 + last);
      const point = last % 17;
      cells.push(`${digits.slice(0, point)}.${digits.slice(point)}`, `${digits}e-${last % 23}`);
    }
    const { x } = values(readBytes(`x,y\n${cells.map((cell) => `${cell},1`).join('\n')}\n`));
    cells.forEach((cell, i) => assert.ok(Object.is(x[i], Number(cell)), `${cell}: ${x[i]}`));
  });

  it('reads 17-digit numbers as pandas and repr() write them exactly as Number() does, from bytes and from text', () => {
    let seed = 4242;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    // Python's repr writes exponents with two digits at least (1.2345678901234567e-05)
    const python = (text: string) => text.replace(/e([-+])(\d)$/, 'e$10$2');
    const cell = () => {
      const x = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      const forms = [String(x), x.toPrecision(17), python(x.toExponential(16)), x.toExponential(16)];
      return forms[Math.floor(next() * forms.length)];
    };
    const rows = Array.from({ length: 3000 }, () => [cell(), cell(), cell()]);
    const text = `a,b,y\n${rows.map((row) => row.join(',')).join('\n')}\n`;
    const expected = {
      x: rows.flatMap((row) => [Number(row[0]), Number(row[1])]),
      y: rows.map((row) => Number(row[2])),
    };
    const same = (read: { x: number[]; y: number[] }) =>
      read.x.length === expected.x.length &&
      read.y.length === expected.y.length &&
      read.x.every((v, i) => Object.is(v, expected.x[i])) &&
      read.y.every((v, i) => Object.is(v, expected.y[i]));
    assert.ok(same(values(readBytes(text, [7, 1000, 1001, 50000]))), 'from bytes');
    assert.ok(same(values(readText(text))), 'from text');
    assert.ok(rows.some((row) => row.some((c) => /e-0\d$/.test(c))) && rows.some((row) => row[0].length >= 19));
  });

  it('reads a cell with a huge exponent and as many digits before it as Number() does, never as a small power', () => {
    const zeros = '0'.repeat(100_000);
    const cells = [`1${zeros}e-1000000`, `0.${zeros}1e1000000`, `1${zeros}e-100005`, `1${zeros}e-99999999999`];
    const text = `x,y\n${cells.map((cell) => `${cell},1`).join('\n')}\n`;
    const expected = cells.map(Number).map((v) => (Object.is(v, Infinity) ? 'overflow' : v));
    assert.deepEqual(expected, [0, 'overflow', 1e-5, 0]);
    const finite = cells.filter((cell) => Number.isFinite(Number(cell)));
    const finiteText = `x,y\n${finite.map((cell) => `${cell},1`).join('\n')}\n`;
    for (const read of [readBytes(finiteText), readText(finiteText)])
      assert.deepEqual(values(read).x, finite.map(Number));
    for (const read of [readBytes(text), readText(text)]) assert.match(summary(read), /^3:1: .* overflows to infinity/);
  });

  it('keeps float32 data as float32: each value rounded once, to the nearest float32', () => {
    const read = readBytes('x,y\n0.1,1e-8\n16777217,3\n', [5, 17], 'float32');
    assert.ok(read.ok && read.data.x instanceof Float32Array && read.data.y instanceof Float32Array);
    assert.deepEqual(values(read), { x: [Math.fround(0.1), 16777216], y: [Math.fround(1e-8), 3] });
  });

  it('names the line and column of every error as the text reader does, wherever the chunks end', () => {
    const cases: [string, string][] = [
      ['x,y\n1,2\n\n3,abc\n', '4:3: "abc" is not a number (column "y")'],
      ['x,y\r\n1,2\r\n3\r\n', '3:2: row has 1 cell but the header has 2'],
      ['x,y\n1,2\n"3,4\n', '3:1: unterminated quoted cell'],
      ['x,y\n1, \n', '2:4: empty cell in column "y"'],
      ['x,y\n1,2e400\n', '2:3: "2e400" overflows to infinity (column "y"; the largest number is about 1.8e308)'],
      ['x;y\n1;2\n', "1:2: this file seems to use ';' as separator; autograd-lab reads comma-separated values"],
      ['x,y\n', '2:1: the file has a header but no data rows'],
      ['\n \n', '1:1: the file is empty: expected a header row such as x,y'],
      ['x,y\n1,2,3\n', '2:5: row has 3 cells but the header has 2'],
      ['x,y\nNaN,1\n', '2:1: "NaN" is not a number (column "x")'],
      ['x,y\n1,inf\n', '2:3: "inf" is not a number (column "y")'],
      ['x,y\n1,2\n3,4\r5\n', '3:3: "4\r5" is not a number (column "y")'],
      ['x,y\nπ,1\n', '2:1: "π" is not a number (column "x")'],
      ['x,y\n"é",2,€\n', '2:7: row has 3 cells but the header has 2'], // columns count characters, not bytes
      ['x,y\n1.5.2,3\n', '2:1: "1.5.2" is not a number (column "x")'],
      ['x,y\n1e,3\n', '2:1: "1e" is not a number (column "x")'],
      ['x,y\n- 1,3\n', '2:1: "- 1" is not a number (column "x")'],
    ];
    for (const [text, expected] of cases) {
      assert.equal(summary(readText(text)), expected, `the text reader on ${JSON.stringify(text)}`);
      for (const cuts of everyCut(text))
        assert.equal(summary(readBytes(text, cuts)), expected, JSON.stringify([text, cuts]));
    }
  });

  it('reads what the text reader reads from odd but valid lines: blank ones, spaces, quotes, a last line without a newline', () => {
    const texts = [
      '\uFEFFx,y\n1,2',
      'x,y\n\n \t\n1 , 2 \n\u00a0\n3,4\r\n',
      'x , "y"\n"1",2\n" 3 ",4\n',
      'x,y\n1,2\r\n3,4\r',
      'x,y\n1,2\n\uFEFF3,4\n',
    ];
    for (const text of texts) {
      const expected = summary(readText(text));
      for (const cuts of everyCut(text))
        assert.equal(summary(readBytes(text, cuts)), expected, JSON.stringify([text, cuts]));
    }
  });

  it('joins a line that spans many chunks once, and reads on after it', () => {
    const long = `${'1'.repeat(300)}.5`;
    const text = `x,y\n${long},2\n3,4\n`;
    const cuts = Array.from({ length: 60 }, (_, k) => 5 + 5 * k);
    assert.deepEqual(values(readBytes(text, cuts)), { x: [Number(long), 3], y: [2, 4] });
  });

  it('finds an error on line N many chunks in, with its column', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},${2 * i}`);
    rows[3999] = '3999,7x';
    const text = `x,y\n${rows.join('\n')}\n`;
    const cuts = Array.from({ length: Math.floor(text.length / 97) }, (_, k) => (k + 1) * 97);
    assert.equal(summary(readBytes(text, cuts)), '4001:6: "7x" is not a number (column "y")');
  });
});
