// Model presets, each the expression it stands for (printed so a run can be rewritten by hand):
//   linear               x @ w + b
//   poly:K               w1*x + w2*x**2 + ... + wK*x**K + b   (one feature; x @ w1 + x**2 @ w2 + ... with several)
//   logistic             torch.sigmoid(x @ w + b)              (its default loss is bce)
//   mlp:H1[,H2...][:act] torch.tanh(x @ W1 + b1) @ w2 + b2     (act tanh or relu; the output is linear, or a
//                                                               sigmoid under the bce loss)
import type { LossKind } from './types';
import { ConfigError } from './validate';

export type ModelPreset =
  | { kind: 'linear' }
  | { kind: 'poly'; degree: number }
  | { kind: 'logistic' }
  | { kind: 'mlp'; hidden: number[]; activation: 'tanh' | 'relu' };

const MAX_DEGREE = 12;

/** True for text that names a preset (and is then parsed as one, never as an expression). */
export function looksLikePreset(text: string): boolean {
  return /^(linear|logistic|poly|mlp)(:|$)/.test(text.trim());
}

const width = (text: string): number | null => (/^[1-9]\d{0,5}$/.test(text) ? Number(text) : null);

/** The preset a text names; throws a ConfigError saying the form expected. */
export function parsePreset(text: string): ModelPreset {
  const [name, ...rest] = text.trim().split(':');
  if ((name === 'linear' || name === 'logistic') && rest.length === 0) return { kind: name };
  if (name === 'poly') {
    const degree = rest.length === 1 ? width(rest[0]) : null;
    if (degree === null || degree > MAX_DEGREE)
      throw new ConfigError(`"${text}": poly takes a degree from 1 to ${MAX_DEGREE}, e.g. poly:3`);
    return { kind: 'poly', degree };
  }
  if (name === 'mlp') {
    const sizes = rest[0]?.split(',').map(width) ?? [];
    const activation = rest[1] ?? 'tanh';
    if (rest.length === 0 || rest.length > 2 || sizes.length === 0 || sizes.some((h) => h === null))
      throw new ConfigError(`"${text}": mlp takes hidden sizes and an activation, e.g. mlp:16 or mlp:16,8:relu`);
    if (activation !== 'tanh' && activation !== 'relu')
      throw new ConfigError(`"${text}": the activation of mlp is tanh or relu (got "${activation}")`);
    return { kind: 'mlp', hidden: sizes as number[], activation };
  }
  throw new ConfigError(`"${text}": the presets are linear, poly:K, logistic and mlp:H1[,H2...][:tanh|relu]`);
}

export interface PresetModel {
  modelExpr: string;
  /** The hidden sizes, for the widths the data leave open. */
  hidden?: number[];
}

/** The loss a preset implies when none is given: bce for logistic regression. */
export function presetDefaultLoss(preset: ModelPreset | null): LossKind | undefined {
  return preset?.kind === 'logistic' ? 'bce' : undefined;
}

/** The preset as an expression over x (N x D) for `d` features, given the run's loss. */
export function presetModel(preset: ModelPreset, d: number, loss: LossKind | null): PresetModel {
  switch (preset.kind) {
    case 'linear':
      return { modelExpr: 'x @ w + b' };
    case 'logistic':
      return { modelExpr: 'torch.sigmoid(x @ w + b)' };
    case 'poly': {
      const powers = Array.from({ length: preset.degree }, (_, k) => (k === 0 ? 'x' : `x**${k + 1}`));
      const terms = powers.map((power, k) => (d === 1 ? `w${k + 1}*${power}` : `${power} @ w${k + 1}`));
      return { modelExpr: `${terms.join(' + ')} + b` };
    }
    case 'mlp': {
      let inner = 'x';
      preset.hidden.forEach((_, k) => {
        inner = `torch.${preset.activation}(${inner} @ W${k + 1} + b${k + 1})`;
      });
      const out = preset.hidden.length + 1;
      const linear = `${inner} @ w${out} + b${out}`;
      return { modelExpr: loss === 'bce' ? `torch.sigmoid(${linear})` : linear, hidden: preset.hidden };
    }
    default: {
      const unknown: never = preset;
      throw new Error(`unknown preset ${JSON.stringify(unknown)}`);
    }
  }
}
