// The training log: the tutorial's table (`epoch 10: w = 1.665, loss = 1.16278565`), predictions, and
// notes (lines starting with '#'). Text only (textContent), capped so a long run cannot grow it forever.
import type { TrainerSettings } from '../../../protocol/trainerSettings';
import type { EpochBatch } from '../../../protocol/workerMessages';
import { formatEpochLine } from '../../../train/format';
import type { Params } from '../../../train/types';

const MAX_LINES = 5000;

/** The names and shapes of a model's own parameters, in the order an epoch's values list them. */
export type ParameterLayout = readonly { name: string; shape: number[] }[];

/** One epoch's flat values as Params: by name for a model with a layout, else w (and b with a bias). */
function paramsOf(values: number[], bias: boolean, layout: ParameterLayout | null): Params {
  if (!layout) return bias ? { w: values.slice(0, -1), b: values[values.length - 1] } : { w: values, b: null };
  const named: NonNullable<Params['named']> = {};
  let at = 0;
  for (const { name, shape } of layout) {
    const size = shape.reduce((a, b) => a * b, 1);
    named[name] = { shape, values: values.slice(at, at + size) };
    at += size;
  }
  return { w: [], b: null, named };
}

/** The batch's epochs that fall on `logEvery`, as the tutorial prints them (the CLI uses the same formatter). */
export function epochLines(batch: EpochBatch, settings: TrainerSettings, layout: ParameterLayout | null): string[] {
  const lines: string[] = [];
  for (let i = 0; i < batch.epoch.length; i++) {
    if (batch.epoch[i] % settings.logEvery !== 0) continue;
    const values = Array.from(batch.params.subarray(i * batch.stride, (i + 1) * batch.stride));
    const params = paramsOf(values, settings.bias, layout);
    const accuracy = batch.accuracy ? { accuracy: batch.accuracy[i] } : {};
    lines.push(
      formatEpochLine({ epoch: batch.epoch[i], loss: batch.loss[i], params, gradNorm: batch.gradNorm[i], ...accuracy }),
    );
  }
  return lines;
}

export class LogView {
  private lines: string[] = [];

  constructor(private readonly el: HTMLElement) {}

  append(...lines: string[]): void {
    if (!lines.length) return;
    const atBottom = this.el.scrollTop + this.el.clientHeight >= this.el.scrollHeight - 4;
    this.lines.push(...lines);
    if (this.lines.length > MAX_LINES) {
      this.lines = this.lines.slice(-MAX_LINES);
      this.el.textContent = this.lines.join('\n') + '\n';
    } else {
      this.el.append(document.createTextNode(lines.join('\n') + '\n'));
    }
    // Follow the newest line unless the user scrolled up to read.
    if (atBottom) this.el.scrollTop = this.el.scrollHeight;
  }

  replace(lines: string[]): void {
    this.lines = lines.slice(-MAX_LINES);
    this.el.textContent = this.lines.length ? this.lines.join('\n') + '\n' : '';
  }

  get text(): string[] {
    return this.lines;
  }
}
