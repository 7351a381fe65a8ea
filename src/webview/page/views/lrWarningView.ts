// The notice under the learning-rate control that says, before Play, that this learning rate will
// diverge on this loss and data (the worker computes it with src/train's learningRateWarning), and
// offers a stable one. It goes away as soon as the learning rate is below the limit again.
import type { LearningRateWarning } from '../../../train/types';
import { element } from '../controls';
import { saferLearningRate } from '../describe';

export class LrWarningView {
  private safer: number | null = null;

  /** `useLr` applies a learning rate the user accepted from the notice. */
  constructor(useLr: (lr: number) => void) {
    element('lr-warning-action').addEventListener('click', () => {
      if (this.safer !== null) useLr(this.safer);
    });
  }

  show(warning: LearningRateWarning | null): void {
    const notice = element('lr-warning');
    const lr = element('lr');
    notice.hidden = warning === null;
    if (warning === null) {
      this.safer = null;
      lr.removeAttribute('data-warning');
      return;
    }
    // Half the limit leaves room: the tutorial's 2/15 gives 0.06, which converges in a few dozen epochs.
    this.safer = saferLearningRate(warning.limit);
    element('lr-warning-text').textContent = `${warning.message}.`;
    element('lr-warning-action').textContent = `Use lr = ${this.safer}`;
    lr.dataset.warning = 'true';
  }
}
