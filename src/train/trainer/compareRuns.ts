// Runs to compare with the live one, trained to the end in the worker: the other gradient (autograd
// against the tutorial's hand-written numpy gradient, which is 4x too large) or a learning-rate sweep.
import type { TrainerSettings } from '../../protocol/trainerSettings';
import type { OverlayRun } from '../../protocol/workerMessages';
import { createSession } from '../session';
import type { Dataset, EpochEvent, SessionState } from '../types';
import { flatParams, packEpochs } from './epochBatch';
import { trainConfig } from './sessionConfig';

/** Comparisons train every epoch at once; beyond this many sample-epochs they would keep the worker busy too long. */
const MAX_COMPARE_WORK = 20_000_000;
const SWEEP = [0.25, 0.5, 2, 4];

function variants(s: TrainerSettings): { label: string; settings: TrainerSettings }[] {
  if (s.compare === 'gradient') {
    return s.gradient === 'autograd'
      ? [{ label: 'tutorial numpy gradient', settings: { ...s, gradient: 'tutorial-numpy' } }]
      : [{ label: 'autograd', settings: { ...s, gradient: 'autograd' } }];
  }
  if (s.compare === 'lr-sweep')
    return SWEEP.map((k) => ({ label: `lr ${Number((s.lr * k).toPrecision(4))}`, settings: { ...s, lr: s.lr * k } }));
  return [];
}

function toRun(label: string, events: readonly EpochEvent[], stride: number, state: SessionState): OverlayRun {
  const { epoch, loss, params } = packEpochs(events, stride);
  const stopped = state.kind === 'diverged' ? state : null;
  // Only a divergence is one; values the loss cannot take stop the run whatever the learning rate.
  const how = stopped?.cause === 'diverged' ? 'diverged' : 'stopped';
  return {
    label: stopped === null ? label : `${label} (${how} at epoch ${stopped.epoch})`,
    epoch,
    loss,
    params,
    stride,
    diverged: stopped?.epoch ?? null,
  };
}

/** The comparison runs and a sentence about them; throws a plain message when there is too much to train. */
export function compareRuns(s: TrainerSettings, data: Dataset): { runs: OverlayRun[]; note: string } {
  const wanted = variants(s);
  if (!wanted.length) return { runs: [], note: '' };
  if (data.n * s.epochs * wanted.length > MAX_COMPARE_WORK) {
    return {
      runs: [],
      note: `Comparison skipped: ${wanted.length} runs of ${s.epochs} epochs on ${data.n.toLocaleString('en-US')} samples is too much to train alongside; use fewer epochs or samples.`,
    };
  }
  const runs = wanted.map(({ label, settings }) => {
    const session = createSession(trainConfig(settings, data));
    const stride = Math.max(1, flatParams(session.params).length);
    const events = session.run();
    return toRun(label, events, stride, session.state);
  });
  let note = '';
  if (s.compare === 'gradient' && runs[0]?.epoch.length) {
    // From the same start, the ratio of the first steps of plain SGD is the ratio of the gradients.
    const main = createSession(trainConfig(s, data));
    const start = main.params.w[0];
    const mainFirst = main.step()?.params.w[0];
    const otherFirst = runs[0].params[0];
    if (mainFirst !== undefined && mainFirst !== start) {
      const ratio = (otherFirst - start) / (mainFirst - start);
      const why =
        Math.abs(ratio - data.n) < 1e-3 * data.n && s.gradient === 'autograd' && s.reduction === 'mean'
          ? `: np.dot already sums over the ${data.n} samples, so the .mean() after it divides by nothing and the step is ${data.n}× too large`
          : '';
      note = `Dashed: ${runs[0].label}. Its first step moves w from ${start.toFixed(3)} to ${otherFirst.toFixed(3)}, ${ratio.toFixed(2)}× this run's step (to ${mainFirst.toFixed(3)})${why}.`;
    }
  } else if (s.compare === 'lr-sweep') {
    note = `Dashed: the same run with learning rates ${SWEEP.map((k) => `${k}×`).join(', ')} this one.`;
  }
  return { runs, note };
}
