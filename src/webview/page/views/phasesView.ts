// The "Phases" card: the next epoch shown one phase at a time (forward, loss, backward, update), the
// current phase highlighted with its numbers. The worker computes them; the update is a real step.
import type { TrainerSettings } from '../../../protocol/trainerSettings';
import type { EpochPhases } from '../../../protocol/workerMessages';
import { element } from '../controls';
import { optimizerText } from '../describe';

const PHASES = ['forward', 'loss', 'backward', 'update'] as const;

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const text = Number(v.toPrecision(6)).toString();
  return v < 0 ? text.replace('-', '−') : text;
}

function lossFormula(s: TrainerSettings): string {
  const r = s.reduction === 'mean' ? 'mean' : 'sum';
  return s.loss === 'mse'
    ? `${r}((y_pred − y)²)`
    : s.loss === 'mae'
      ? `${r}(|y_pred − y|)`
      : `${r}(huber_δ=${s.huberDelta}(y_pred − y))`;
}

export class PhasesView {
  private phases: EpochPhases | null = null;
  /** Index into PHASES of the phase shown last; -1 before the first. */
  private shown = -1;
  private after: number[] | null = null;

  /** True when the next press should ask the worker for a new epoch's phases. */
  get needsPhases(): boolean {
    return !this.phases || this.shown >= PHASES.length - 1;
  }

  /** True when the next press is the update, which steps the session. */
  get nextIsUpdate(): boolean {
    return this.phases !== null && this.shown === PHASES.length - 2;
  }

  start(phases: EpochPhases, settings: TrainerSettings): void {
    this.phases = phases;
    this.shown = 0;
    this.after = null;
    element('phases-card').hidden = false;
    this.render(settings);
  }

  advance(settings: TrainerSettings): void {
    if (!this.phases || this.shown >= PHASES.length - 1) return;
    this.shown++;
    this.render(settings);
  }

  /** The parameters after the stepped epoch, when it arrives. */
  stepped(epoch: number, after: number[], settings: TrainerSettings): void {
    if (!this.phases || epoch !== this.phases.epoch) return;
    this.after = after;
    this.render(settings);
  }

  clear(): void {
    this.phases = null;
    this.shown = -1;
    element('phases-card').hidden = true;
  }

  private text(phase: (typeof PHASES)[number], p: EpochPhases, s: TrainerSettings): string {
    switch (phase) {
      case 'forward': {
        const model = p.names.includes('b') ? 'w·x + b' : 'w·x';
        const rows = p.rows.map((r) => `f(${r.x.map(fmt).join(', ')}) = ${fmt(r.yPred)} (y = ${fmt(r.y)})`).join('; ');
        return `y_pred = ${model} with ${p.names.map((n, k) => `${n} = ${fmt(p.before[k])}`).join(', ')}: ${rows}${p.n > p.rows.length ? `; … ${p.n.toLocaleString('en-US')} rows` : ''}`;
      }
      case 'loss':
        return `L = ${lossFormula(s)} = ${fmt(p.loss)}`;
      case 'backward':
        return p.names.map((n, k) => `∂L/∂${n} = ${fmt(p.grad[k])}`).join(', ') + ' (the backward pass)';
      case 'update': {
        if (!this.after) return 'stepping…';
        const plain = s.optimizer === 'sgd' && s.weightDecay === 0 && s.gradient === 'autograd';
        return (
          p.names
            .map((n, k) =>
              plain
                ? `${n} ← ${n} − lr·∂L/∂${n} = ${fmt(p.before[k])} − ${s.lr}·(${fmt(p.grad[k])}) = ${fmt(this.after![k])}`
                : `${n}: ${fmt(p.before[k])} → ${fmt(this.after![k])}`,
            )
            .join('; ') + (plain ? '' : ` (${optimizerText(s)})`)
        );
      }
    }
  }

  private render(s: TrainerSettings): void {
    const p = this.phases;
    if (!p) return;
    element('phases-epoch').textContent = `epoch ${p.epoch}`;
    element('phases-note').textContent = p.note;
    const items = Array.from(element('phases-list').querySelectorAll('li'));
    items.forEach((li, i) => {
      const value = li.querySelector('.phase-value')!;
      value.textContent = i <= this.shown ? this.text(PHASES[i], p, s) : '';
      li.classList.toggle('current', i === this.shown);
      li.classList.toggle('pending', i > this.shown);
      if (i === this.shown) li.setAttribute('aria-current', 'step');
      else li.removeAttribute('aria-current');
    });
  }
}
