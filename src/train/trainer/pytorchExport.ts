// The trainer panel's "PyTorch script": the run as Reset would start it now (the same data, the same first
// values, the settings the panel holds), written by the same writer as `train --export-pytorch`, printing
// the panel's log again. What torch cannot reproduce is refused in the panel's words, and no script is made.
import { errorMessage, failure, ok, type Result } from '../../common/result';
import type { TrainerSettings } from '../../protocol/trainerSettings';
import { MAX_SCRIPT_CHARS } from '../../protocol/workerMessages';
import { MAX_EMBEDDED_VALUES, pytorchRun } from '../export/pytorchRun';
import { pytorchScript } from '../export/pytorchScript';
import { createSession } from '../session';
import type { Dataset, TrainingSessionApi } from '../types';
import { trainConfig } from './sessionConfig';

export interface PanelScript {
  text: string;
  /** What the page tells the user with the script (the script says it too, in its opening comments). */
  notes: string[];
}

/** What the page says of a float32 run's script (the script's own comment says it too, more briefly). */
const FLOAT32_NOTE =
  'The run computes in float32, where torch rounds its sums in another order than the panel: the two tables agree at first and can part as training goes on (a network within a few dozen epochs). Choose dtype float64 for the same table digit for digit.';

const count = (n: number) => n.toLocaleString('en-US');

/** The run as Reset would start it now: the same first values (they depend on the data, model, init and seed only). */
function freshSession(settings: TrainerSettings, dataset: Dataset): Result<TrainingSessionApi> {
  try {
    return ok(createSession(trainConfig(settings, dataset)));
  } catch (e) {
    return failure({ message: `No PyTorch script: the run cannot start: ${errorMessage(e)}` });
  }
}

/**
 * `changedAt`: the first epoch after 0 at which the run took new settings (null: it never did). The script
 * trains one setting throughout, the current one, so from that epoch on its table is not the log's.
 */
export function panelPytorchScript(
  settings: TrainerSettings,
  dataset: Dataset,
  title: string,
  changedAt: number | null,
): Result<PanelScript> {
  if (settings.gradient !== 'autograd')
    return failure({
      message: `No PyTorch script: this run's gradient is hand-written (${settings.gradient === 'tutorial-numpy' ? "the tutorial's numpy gradient" : settings.gradientText}) and replaces autograd, while the script trains with torch autograd. Choose Gradient: autograd to export it${settings.gradient === 'tutorial-numpy' ? ', or export the numpy script, which writes that gradient' : ''}.`,
    });
  const values = dataset.n * (dataset.d + 1);
  if (values > MAX_EMBEDDED_VALUES)
    return failure({
      message: `No PyTorch script: the data hold ${count(values)} numbers (${count(dataset.n)} rows of ${dataset.d} feature${dataset.d === 1 ? '' : 's'} and the target), more than the ${count(MAX_EMBEDDED_VALUES)} a script holds written out. The command line reads a CSV file of any size: autograd-lab train --data FILE --target COLUMN ... --export-pytorch run.py.`,
    });
  const session = freshSession(settings, dataset);
  if (!session.ok) return session;
  const changed =
    changedAt === null
      ? []
      : [
          `The run changed its settings at epoch ${changedAt}; the script trains with the settings the panel holds now from the first epoch, as Reset would start it, so its table parts from the panel's log at epoch ${changedAt}.`,
        ];
  const run = pytorchRun(session.value.config, session.value.params, {
    exporter: {
      comment: `Exported from Autograd Lab's trainer: ${title}.`,
      trainer: "Autograd Lab's trainer panel",
      float64: 'dtype float64',
    },
    notes: changed,
    every: settings.logEvery,
    modelLine: null,
    // the panel's log predicts f(predictAt) before and after training when there is one feature
    predict: dataset.d === 1 ? { text: String(settings.predictAt), values: [settings.predictAt] } : null,
    finalLoss: false,
  });
  if (!run.ok) {
    const refusal = run.error;
    // torch.ts names the CLI's flag for the built-in Huber loss; the panel calls it the loss huber
    const why = refusal.message.replace('use --loss huber', 'choose the built-in loss Huber');
    const where = refusal.kind === 'no torch spelling' ? ` (column ${refusal.error.column} of ${refusal.text})` : '';
    return failure({ message: `No PyTorch script: ${why}${where}.` });
  }
  const text = pytorchScript(run.value);
  if (text.length > MAX_SCRIPT_CHARS)
    return failure({
      message: `No PyTorch script: it would take ${count(text.length)} characters, more than the ${count(MAX_SCRIPT_CHARS)} an editor is given; the model's parameters are too many to write out.`,
    });
  // measured: the moons demo's MLP in float32 parts from torch's in the third digit by epoch 20
  return ok({ text, notes: settings.dtype === 'float32' ? [...changed, FLOAT32_NOTE] : changed });
}
