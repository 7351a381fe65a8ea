import assert from 'node:assert/strict';
import { divergingColour, symmetricRange, type DivergingColours } from '../../../src/webview/charts/divergingScale';
import { cellAt, cellSize, entryName, layoutParameters, moveCell } from '../../../src/webview/charts/parameterLayout';
import { mapLabel, numberText, readoutText, scaleLabels, snapshotText } from '../../../src/webview/page/parameterWords';
import { GradientPacer } from '../../../src/webview/worker/gradientPacer';

// The Parameters card's pure parts: its colour scale, its layout, its words, and the worker's pacing of
// the gradients it shows.

const colours: DivergingColours = {
  negative: [0, 0, 255],
  zero: [255, 255, 255],
  positive: [255, 128, 0],
  invalid: [200, 0, 0],
};

describe('the heat maps’ colour scale', () => {
  it('runs from -m to +m, m the largest |value| among the finite ones', () => {
    assert.equal(symmetricRange([0.5, -2, 1]), 2);
    assert.equal(symmetricRange([0.5, Number.NaN, -Infinity, 1]), 1);
    assert.equal(symmetricRange([0, 0]), 0);
  });

  it('puts 0 at the zero colour and ±m at the full colour of the sign', () => {
    assert.deepEqual(divergingColour(0, 2, colours), [255, 255, 255]);
    assert.deepEqual(divergingColour(-2, 2, colours), [0, 0, 255]);
    assert.deepEqual(divergingColour(2, 2, colours), [255, 128, 0]);
  });

  it('mixes linearly in between: half of m is halfway from white to the sign’s colour', () => {
    // white (255, 255, 255) halfway to blue (0, 0, 255): 127.5 rounds to 128
    assert.deepEqual(divergingColour(-1, 2, colours), [128, 128, 255]);
    // to orange (255, 128, 0): 255 + (128 - 255) / 2 = 191.5 -> 192, 127.5 -> 128
    assert.deepEqual(divergingColour(1, 2, colours), [255, 192, 128]);
  });

  it('gives a value that is not a number a colour of its own, and every value of an all-zero map the zero colour', () => {
    assert.deepEqual(divergingColour(Number.NaN, 2, colours), [200, 0, 0]);
    assert.deepEqual(divergingColour(Infinity, 2, colours), [200, 0, 0]);
    assert.deepEqual(divergingColour(0, 0, colours), [255, 255, 255]);
  });
});

describe('the Parameters card’s layout', () => {
  const moons = layoutParameters([
    { name: 'W1', shape: [2, 16] },
    { name: 'b1', shape: [16] },
    { name: 'W2', shape: [16, 16] },
    { name: 'b2', shape: [16] },
    { name: 'w3', shape: [16] },
    { name: 'b3', shape: [] },
  ]);

  it('draws matrices and long vectors as heat maps in their own shape, a vector as one row', () => {
    assert.deepEqual(
      moons.map((p) => (p.kind === 'map' ? [p.name, p.rows, p.cols] : [p.name, 'table'])),
      [
        ['W1', 2, 16],
        ['b1', 1, 16],
        ['W2', 16, 16],
        ['b2', 1, 16],
        ['w3', 1, 16],
        ['b3', 'table'],
      ],
    );
  });

  it('knows where each parameter’s values start in the flattened list (337 in all)', () => {
    assert.deepEqual(
      moons.map((p) => p.offset),
      [0, 32, 48, 304, 320, 336],
    );
  });

  it('puts scalars and vectors of up to 8 entries in the table', () => {
    const line = layoutParameters([
      { name: 'w', shape: [8] },
      { name: 'b', shape: [] },
      { name: 'v', shape: [9] },
    ]);
    assert.deepEqual(
      line.map((p) => p.kind),
      ['table', 'table', 'map'],
    );
  });

  it('reads a tensor of more axes as rows of its last axis', () => {
    const [piece] = layoutParameters([{ name: 'K', shape: [2, 3, 4] }]);
    assert.equal(piece.kind === 'map' && `${piece.rows}x${piece.cols}`, '6x4');
  });

  it('sizes cells so a map’s longer side is about 192 pixels, between 2 and 16 pixels a cell', () => {
    assert.equal(cellSize(16, 16), 12);
    assert.equal(cellSize(2, 16), 12);
    assert.equal(cellSize(1, 3), 16);
    assert.equal(cellSize(64, 64), 3);
    assert.equal(cellSize(1, 1000), 2);
  });

  it('names an entry by its row-major index, a single value by its name alone', () => {
    assert.equal(entryName('W1', [2, 16], 0), 'W1[0,0]');
    assert.equal(entryName('W1', [2, 16], 21), 'W1[1,5]');
    assert.equal(entryName('b1', [16], 7), 'b1[7]');
    assert.equal(entryName('K', [2, 3, 4], 23), 'K[1,2,3]');
    assert.equal(entryName('b3', [], 0), 'b3');
    assert.equal(entryName('w', [1], 0), 'w');
  });

  it('finds the cell under a point, and none outside the map', () => {
    const map = { rows: 2, cols: 16, cell: 12 };
    assert.equal(cellAt(0, 0, map), 0);
    assert.equal(cellAt(5 * 12 + 3, 12 + 11, map), 21);
    assert.equal(cellAt(16 * 12, 0, map), null);
    assert.equal(cellAt(0, 24, map), null);
    assert.equal(cellAt(-1, 0, map), null);
  });

  it('moves the cell being read with the arrow keys, Home and End, and stays on the map', () => {
    const map = { rows: 2, cols: 16 };
    assert.equal(moveCell(0, 'ArrowRight', map), 1);
    assert.equal(moveCell(0, 'ArrowDown', map), 16);
    assert.equal(moveCell(0, 'ArrowLeft', map), 0);
    assert.equal(moveCell(0, 'ArrowUp', map), 0);
    assert.equal(moveCell(16, 'ArrowDown', map), 16);
    assert.equal(moveCell(20, 'End', map), 31);
    assert.equal(moveCell(20, 'Home', map), 16);
    assert.equal(moveCell(20, 'Enter', map), null);
  });
});

describe('the Parameters card’s words', () => {
  it('prints five significant digits, and NaN and ∞ as they are', () => {
    assert.equal(numberText(0.412371234), '0.41237');
    assert.equal(numberText(-0.00123456), '-0.0012346');
    assert.equal(numberText(-30), '-30');
    assert.equal(numberText(1.23456e-7), '1.2346e-7');
    assert.equal(numberText(Number.NaN), 'NaN');
    assert.equal(numberText(-Infinity), '-∞');
  });

  it('reads an entry out as its value and its gradient, both named', () => {
    assert.equal(readoutText('W1[0,3]', 0.5, -0.25), 'W1[0,3] = 0.5, ∂L/∂W1[0,3] = -0.25');
  });

  it('prints a map’s range at both ends of its colour bar, or says every value is 0', () => {
    assert.deepEqual(scaleLabels(0.84), { low: '-0.84', high: '+0.84' });
    assert.deepEqual(scaleLabels(0), { low: 'all 0', high: '' });
  });

  it('says which epoch’s parameters the card shows, 0-based as the log counts them', () => {
    assert.equal(snapshotText(0, 30), 'initial values, loss 30');
    assert.equal(snapshotText(200, 0.012345678), 'after epoch 199, loss 0.012346');
  });

  it('describes a heat map for screen readers: what, its shape, its values’ span, and how to read it', () => {
    assert.equal(
      mapLabel('W1', 2, 16, -0.5, 0.75, true),
      'W1, 2 × 16 values from -0.5 to 0.75 (blue below 0, orange above); arrow keys read one entry at a time',
    );
    assert.equal(
      mapLabel('∂L/∂W1', 2, 16, Infinity, -Infinity, false),
      '∂L/∂W1, 2 × 16 values (blue below 0, orange above); point at a cell to read it',
    );
  });
});

describe('the pacing of the gradients while training plays', () => {
  it('allows one at once, then waits 250 ms', () => {
    const pacer = new GradientPacer();
    assert.equal(pacer.due(0), true);
    pacer.sent(0, 1);
    assert.equal(pacer.due(249), false);
    assert.equal(pacer.due(250), true);
  });

  it('waits ten times as long as a slow gradient took, so they take at most a tenth of the time', () => {
    const pacer = new GradientPacer();
    pacer.sent(1000, 80);
    assert.equal(pacer.due(1799), false);
    assert.equal(pacer.due(1800), true);
  });
});
