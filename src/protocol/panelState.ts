// What the trainer panel saves with vscode.setState and reads back after the tab is recreated or the
// window reloads: its settings, the run so far (to redraw it) and the live changes (to rebuild the
// session by replaying them). Saved state is JSON, so NaN and Infinity come back as null.
import type { SessionState } from '../train/types';
import { readSettings, readTrainingChoices, type TrainerSettings } from './trainerSettings';
import { array, checked, invalid, nullable, num, optional, record, str } from './validate';
import { readSessionState, type AppliedChange } from './workerMessages';

export interface SavedHistory {
  epoch: number[];
  loss: number[];
  gradNorm: number[];
  params: number[];
  stride: number;
  /** With a classification loss: each epoch's accuracy. */
  accuracy?: number[];
}

export interface PanelState {
  version: 1;
  settings: TrainerSettings;
  changes: AppliedChange[];
  /** The run so far; null before the first epoch. */
  history: SavedHistory | null;
  /** Parameter names and their initial values, for the charts and the first step on the landscape. */
  paramNames: string[];
  initialParams: number[];
  log: string[];
  status: SessionState;
}

/** A saved number: null (JSON's NaN or Infinity) reads as NaN. */
const saved = (v: unknown, p: string): number => nullable(v, p, (x, q) => num(x, q, { finite: false })) ?? Number.NaN;

function readHistory(value: unknown, path: string): SavedHistory {
  const h = record(value, path);
  const history = {
    epoch: array(h.epoch, `${path}.epoch`, (v, p) => num(v, p, { integer: true, min: 0 })),
    loss: array(h.loss, `${path}.loss`, saved),
    gradNorm: array(h.gradNorm, `${path}.gradNorm`, saved),
    params: array(h.params, `${path}.params`, saved),
    stride: num(h.stride, `${path}.stride`, { integer: true, min: 1 }),
  };
  const accuracy = optional(h.accuracy, `${path}.accuracy`, (v, p) => array(v, p, saved));
  const n = history.epoch.length;
  if (history.loss.length !== n || history.gradNorm.length !== n || history.params.length !== n * history.stride) {
    return invalid(path, 'arrays of different lengths');
  }
  if (accuracy === undefined) return history;
  if (accuracy.length !== n) return invalid(`${path}.accuracy`, `expected ${n} values`);
  return { ...history, accuracy };
}

export const validatePanelState = checked((value): PanelState => {
  const s = record(value, 'state');
  num(s.version, 'state.version', { min: 1, max: 1 });
  return {
    version: 1,
    settings: readSettings(s.settings, 'state.settings'),
    changes: array(s.changes, 'state.changes', (v, p) => {
      const c = record(v, p);
      return {
        epoch: num(c.epoch, `${p}.epoch`, { integer: true, min: 0 }),
        // a state saved before changes left out the data still reads: its source is ignored
        settings: readTrainingChoices(c.settings, `${p}.settings`),
      };
    }),
    history: nullable(s.history, 'state.history', readHistory),
    paramNames: array(s.paramNames, 'state.paramNames', (v, p) => str(v, p, 100)),
    initialParams: array(s.initialParams, 'state.initialParams', saved),
    log: array(s.log, 'state.log', (v, p) => str(v, p, 10_000)),
    status: readSessionState(s.status, 'state.status', 'diverged'),
  };
});
