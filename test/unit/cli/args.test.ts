import assert from 'node:assert/strict';
import { parseTrainArgs, UsageError, type TrainRequest } from '../../../src/cli/args';

type Run = Extract<TrainRequest, { kind: 'train' }>;
const parse = (args: string): Run => {
  const request = parseTrainArgs(args.split(' '));
  assert.equal(request.kind, 'train');
  return request as Run;
};
const refuses = (args: string[], message: RegExp): void => {
  assert.throws(
    () => parseTrainArgs(args),
    (e: unknown) => e instanceof UsageError && message.test(e.message),
  );
};

describe('autograd-lab train arguments', () => {
  it('give the tutorial settings for --example tutorial', () => {
    const request = parse('--example tutorial');
    assert.deepEqual(request.data, { kind: 'tutorial' });
    assert.deepEqual(request.settings, {
      bias: false,
      init: 'zeros',
      loss: 'mse',
      reduction: 'mean',
      optimizer: { kind: 'sgd', lr: 0.01 },
      epochs: 100,
      batchSize: null,
      seed: 0,
      dtype: 'float32',
    });
    assert.equal(request.every, 10);
    assert.deepEqual(request.predict, [5]);
    assert.equal(request.json, false);
  });

  it('read inline data as one feature, or rows separated by semicolons', () => {
    assert.deepEqual(parse('--x 1,2,3 --y 2,4,6').data, { kind: 'inline', rows: [[1], [2], [3]], y: [2, 4, 6] });
    assert.deepEqual(parse('--x 1,2;3,4 --y 5,6').data, {
      kind: 'inline',
      rows: [
        [1, 2],
        [3, 4],
      ],
      y: [5, 6],
    });
  });

  it('read every training flag', () => {
    const request = parse(
      '--data d.csv --target price --bias --init uniform --loss huber --huber-delta 0.5 --reduction sum ' +
        '--optimizer adam --lr 0.05 --betas 0.8,0.99 --eps 1e-6 --weight-decay 0.01 --epochs 7 --batch-size 2 --dtype float64 --seed 3 --every 2 --json',
    );
    assert.deepEqual(request.data, { kind: 'csv', path: 'd.csv', target: 'price' });
    assert.deepEqual(request.settings, {
      bias: true,
      init: 'uniform',
      loss: 'huber',
      huberDelta: 0.5,
      reduction: 'sum',
      optimizer: { kind: 'adam', lr: 0.05, betas: [0.8, 0.99], eps: 1e-6, weightDecay: 0.01 },
      epochs: 7,
      batchSize: 2,
      seed: 3,
      dtype: 'float64',
    });
    assert.equal(request.every, 2);
    assert.equal(request.json, true);
    assert.equal(request.predict, null);
  });

  it('make --optimizer momentum SGD with momentum 0.9, and --momentum imply it', () => {
    assert.deepEqual(parse('--example tutorial --optimizer momentum').settings.optimizer, {
      kind: 'sgd',
      lr: 0.01,
      momentum: 0.9,
    });
    assert.deepEqual(parse('--example tutorial --momentum 0.5 --nesterov').settings.optimizer, {
      kind: 'sgd',
      lr: 0.01,
      momentum: 0.5,
      nesterov: true,
    });
  });

  it("default Adam to PyTorch's lr 0.001", () => {
    assert.deepEqual(parse('--example tutorial --optimizer adam').settings.optimizer, { kind: 'adam', lr: 0.001 });
  });

  it('read --loss as a loss name or else an expression, and --model and --gradient as expressions', () => {
    const request = parseTrainArgs([
      '--example',
      'tutorial',
      '--model',
      'w*x',
      '--loss',
      '((y_pred-y)**2).mean()',
      '--gradient',
      'np.dot(2*x, y_pred-y).mean()',
    ]);
    assert.equal(request.kind, 'train');
    const { settings } = request as Run;
    assert.equal(settings.loss, 'mse');
    assert.equal(settings.modelExpr, 'w*x');
    assert.equal(settings.lossExpr, '((y_pred-y)**2).mean()');
    assert.deepEqual(settings.gradient, { kind: 'expression', text: 'np.dot(2*x, y_pred-y).mean()' });
    assert.equal(parse('--example tutorial --loss mae').settings.lossExpr, undefined);
  });

  it('ask for help', () => {
    assert.deepEqual(parseTrainArgs(['--help']), { kind: 'help' });
  });

  it('route the numpy half of the tutorial apart', () => {
    assert.deepEqual(parseTrainArgs(['--example', 'tutorial-numpy']), { kind: 'tutorial-numpy' });
    refuses(['--example', 'tutorial-numpy', '--lr', '0.1'], /takes no other flags \(got --lr\)/);
  });

  it('refuse a malformed number, naming the flag and the text', () => {
    refuses(['--example', 'tutorial', '--lr', 'fast'], /^--lr must be a number \(got "fast"\)$/);
    refuses(['--example', 'tutorial', '--lr=-1'], /^--lr must be a number > 0 \(got "-1"\)$/);
    refuses(
      ['--example', 'tutorial', '--lr', '-1'],
      /^Option '--lr' argument is ambiguous \(for a value that starts with "-", write --lr=VALUE\)$/,
    );
    refuses(
      ['--example', 'tutorial', '--epochs', '2.5'],
      /^--epochs must be an integer >= 0 and <= 10000000 \(got "2.5"\)$/,
    );
    refuses(['--example', 'tutorial', '--batch-size', '0'], /^--batch-size must be an integer >= 1/);
    refuses(['--example', 'tutorial', '--momentum', '1'], /^--momentum must be a number >= 0 and < 1/);
  });

  it('refuse an unknown choice, listing the allowed ones', () => {
    refuses(['--example', 'mnist'], /^--example must be one of tutorial, tutorial-numpy/);
  });

  it('take a --loss keyword as the built-in loss and any other text as an expression', () => {
    assert.deepEqual(parse('--example tutorial --loss huber').settings.loss, 'huber');
    assert.equal(parse('--example tutorial --loss huber').settings.lossExpr, undefined);
    // Not a keyword, so an expression: a lone unknown name is refused as one, with the keywords listed.
    refuses(
      ['--example', 'tutorial', '--loss', 'logloss'],
      /^--loss: the expression uses "logloss"; it may use y_pred, y, x, w, b; the built-in losses are mse, mae, huber, bce, hinge, cross-entropy \(column 1\)$/,
    );
    refuses(
      ['--example', 'tutorial', '--loss', 'MSE'],
      /the built-in losses are mse, mae, huber, bce, hinge, cross-entropy \(did you mean --loss mse\?\) \(column 1\)$/,
    );
    assert.equal(parse('--example tutorial --loss hinge').settings.loss, 'hinge');
  });

  it('point a caret at the problem of an expression that does not parse', () => {
    assert.throws(
      () => parseTrainArgs(['--example', 'tutorial', '--loss', '(y_pred-y)**2).mean()']),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === "--loss: unbalanced parenthesis: ')' without a matching '(' (column 14)" &&
        e.excerpt === '  (y_pred-y)**2).mean()\n               ^\n',
    );
    // An unknown name is pointed at where it stands.
    assert.throws(
      () => parseTrainArgs(['--example', 'tutorial', '--model', 'w*x + y']),
      (e: unknown) =>
        e instanceof UsageError &&
        e.message === '--model: the expression uses "y"; a model predicts y from x, it cannot use y (column 7)' &&
        e.excerpt === '  w*x + y\n        ^\n',
    );
  });

  it("check every flag's value before looking for data, naming the flag and the value", () => {
    const cases: [string[], string][] = [
      [['--epochs', 'abc'], '--epochs must be a number (got "abc")'],
      [['--lr', '0'], '--lr must be a number > 0 (got "0")'],
      [['--batch-size', '1.5'], '--batch-size must be an integer >= 1 (got "1.5")'],
      [['--seed', 'x'], '--seed must be a number (got "x")'],
      [['--every', '0'], '--every must be an integer >= 1 (got "0")'],
      [['--dtype', 'float16'], '--dtype must be one of float32, float64 (got "float16")'],
      [['--init', 'ones'], '--init must be one of zeros, uniform, torch (got "ones")'],
      [['--reduction', 'max'], '--reduction must be one of mean, sum (got "max")'],
      [['--optimizer', 'rmsprop'], '--optimizer must be one of sgd, momentum, adam (got "rmsprop")'],
      [['--momentum', '2'], '--momentum must be a number >= 0 and < 1 (got "2")'],
      [['--weight-decay', 'lots'], '--weight-decay must be a number (got "lots")'],
      [['--loss', 'huber', '--huber-delta', 'big'], '--huber-delta must be a number (got "big")'],
      [['--predict', '5,a'], '--predict must be a number (got "a")'],
      [['--data', 'd.csv', '--lr', 'fast'], '--lr must be a number (got "fast")'],
      [['--example', 'tutorial', '--x', '1,a', '--y', '2,4'], '--x must be a number (got "a")'],
    ];
    for (const [args, message] of cases) {
      assert.throws(
        () => parseTrainArgs(args),
        (e: unknown) => e instanceof UsageError && e.message === message,
        args.join(' '),
      );
    }
  });

  it('refuse unknown flags and stray words', () => {
    refuses(['--example', 'tutorial', '--learning-rate', '0.1'], /Unknown option '--learning-rate'/);
    refuses(['--example', 'tutorial', 'extra'], /Unexpected argument 'extra'/);
  });

  it('refuse missing or conflicting data', () => {
    refuses([], /^no data: give --example tutorial, --x and --y, or --data FILE --target COLUMN$/);
    refuses(['--x', '1,2'], /--x and --y go together/);
    refuses(['--x', '1,2', '--y', '1'], /--x has 2 rows but --y has 1 values/);
    refuses(['--data', 'a.csv'], /--data needs --target COLUMN/);
    refuses(['--example', 'tutorial', '--data', 'a.csv', '--target', 'y'], /give only one of/);
  });

  it('refuse flags that belong to another optimizer or loss', () => {
    refuses(
      ['--example', 'tutorial', '--optimizer', 'adam', '--momentum', '0.9'],
      /go with --optimizer sgd or momentum, not adam/,
    );
    refuses(['--example', 'tutorial', '--betas', '0.9,0.999'], /--betas and --eps go with --optimizer adam/);
    refuses(['--example', 'tutorial', '--huber-delta', '2'], /--huber-delta goes with --loss huber/);
    refuses(['--example', 'tutorial', '--nesterov'], /--nesterov needs a momentum above 0/);
  });
});
