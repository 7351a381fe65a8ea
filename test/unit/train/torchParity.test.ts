// The trainer panel against PyTorch itself: each run of test/fixtures/torch was exported from the panel's
// worker, and its script run under PyTorch 1.13 in float64 (README.md there). Without torch here, the test
// trains the same run on our engine and compares it with what PyTorch printed and computed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { TrainerSettings } from '../../../src/protocol/trainerSettings';
import { panelRun, type PanelRun } from '../../fixtures/torch/panelRun';
import { TORCH_RUNS } from '../../fixtures/torch/runs';

const fixtures = path.join(__dirname, '..', '..', 'fixtures', 'torch');
const read = (run: string, file: string) => readFileSync(path.join(fixtures, run, file), 'utf8');

/**
 * The run on the data its script holds. The moons, circles, blobs and synthetic points come from Math.sin,
 * Math.cos and Math.log, whose last bit differs between JS engines (this Node's V8 and Chromium's already
 * disagree on 2 of the 200 moons coordinates); the script holds the numbers the exporting engine made.
 */
function onScriptData(settings: TrainerSettings, script: string): TrainerSettings {
  const list = (name: string) => JSON.parse(new RegExp(`^${name} = torch\\.tensor\\((.*)\\)$`, 'm').exec(script)![1]);
  const x = list('x') as number[][];
  const y = list('y') as number[];
  return { ...settings, source: { kind: 'inline', label: 'the script', x, y } };
}

interface TorchValues {
  torch: string;
  losses: number[];
  final: Record<string, number[]>;
}

/**
 * Equal to 1e-8 relative, or 1e-10 absolute near 0. The two engines sum in different orders, so they part in
 * the last bits; Adam then moves a weight whose gradient is 1e-17 in one engine and 0 in the other by up to
 * lr * 1e-17 / (1e-17 + eps), so the moons MLP's values agree to about 1e-10 relative, not 1e-16. A hinge loss
 * near 0 (the few points inside the margin, each 1 - t f) keeps the absolute error of f, about 1e-12 there.
 */
function assertClose(actual: number[], expected: number[], what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual.length} values, PyTorch has ${expected.length}`);
  expected.forEach((e, i) => {
    const a = actual[i];
    assert.ok(Math.abs(a - e) <= Math.max(1e-8 * Math.abs(e), 1e-10), `${what}[${i}]: ours ${a}, PyTorch ${e}`);
  });
}

describe("the trainer panel's PyTorch script, against PyTorch 1.13's own run of it (float64)", () => {
  for (const { name, about, settings } of TORCH_RUNS) {
    describe(`${name}: ${about}`, () => {
      let ours: PanelRun;
      let torch: TorchValues;
      before(() => {
        ours = panelRun(onScriptData(settings, read(name, 'script.py')));
        torch = JSON.parse(read(name, 'values.json')) as TorchValues;
      });

      it('is the script PyTorch ran: the worker exports it unchanged since (else run the README command again)', () => {
        assert.equal(ours.script.type, 'pytorchScript');
        assert.ok(ours.script.type === 'pytorchScript' && ours.script.text === read(name, 'script.py'));
      });

      it("prints PyTorch's table in the panel's log, digit for digit", () => {
        assert.deepEqual(ours.log, read(name, 'table.txt').split('\n').filter(Boolean));
      });

      it("has PyTorch's loss at every epoch and its parameters after the last, to 1e-8", () => {
        assert.equal(torch.torch.split('.').slice(0, 2).join('.'), '1.13');
        assertClose(ours.losses, torch.losses, 'loss');
        assert.deepEqual(Object.keys(ours.final), Object.keys(torch.final));
        for (const [parameter, values] of Object.entries(torch.final))
          assertClose(ours.final[parameter], values, parameter);
      });
    });
  }
});
