// Binds the panel's controls to what they do: the run buttons and their Alt shortcuts, the settings
// form, the data source picker and the prediction box. The page supplies the actions; this module
// only knows which control triggers which.
import type { DataSource } from '../../protocol/trainerSettings';
import { element } from './controls';

interface PanelActions {
  playOrPause(): void;
  step(): void;
  reset(): void;
  nextPhase(): void;
  /** Open the graph panel on the model at the current weights. */
  showGraph(): void;
  /** A setting in the form changed: read and apply the form. */
  formChanged(): void;
  /** Ask the extension for data: a workspace file, or the arrays bound in the active editor. */
  pickDataFile(): void;
  useEditorArrays(): void;
  /** The micrograd demo: two moons, a 2-16-16-1 MLP, played. */
  moonsDemo(): void;
  predict(x: number[]): void;
  /** The data source in use, which the source menu shows until new data arrives. */
  sourceKind(): DataSource['kind'];
}

/** The controls whose change applies the whole form. */
const FORM_CONTROLS = ['settings', 'lr', 'speed', 'loss-scale', 'compare'];

export function bindControls(actions: PanelActions): void {
  element('play').addEventListener('click', () => actions.playOrPause());
  element('step').addEventListener('click', () => actions.step());
  element('phases').addEventListener('click', () => actions.nextPhase());
  element('reset').addEventListener('click', () => actions.reset());
  element('demo-moons').addEventListener('click', () => actions.moonsDemo());
  // A hidden layer started at zeros never breaks its symmetry: a network starts from nn.Linear's init.
  element('model').addEventListener('change', () => {
    const init = element<HTMLSelectElement>('init');
    if (element<HTMLSelectElement>('model').value.startsWith('mlp') && init.value === 'zeros') init.value = 'uniform';
  });
  element('graph').addEventListener('click', () => actions.showGraph());
  for (const id of FORM_CONTROLS) element(id).addEventListener('change', () => actions.formChanged());
  element('settings').addEventListener('submit', (e) => e.preventDefault());
  bindDataSource(actions);
  bindPrediction(actions);
  bindShortcuts(actions);
}

function bindDataSource(actions: PanelActions): void {
  element('source').addEventListener('change', (e) => {
    const select = e.target as HTMLSelectElement;
    if (select.value !== 'file' && select.value !== 'inline') return;
    if (select.value === 'file') actions.pickDataFile();
    else actions.useEditorArrays();
    // The data arrives from the extension (or never, if the user cancels): until then, nothing changed.
    select.value = actions.sourceKind();
  });
  element('pick-file').addEventListener('click', () => actions.pickDataFile());
  element('editor-arrays').addEventListener('click', () => actions.useEditorArrays());
}

function bindPrediction(actions: PanelActions): void {
  element('predict-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const x = element<HTMLInputElement>('predict-x')
      .value.split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (!x.length || x.some((v) => !Number.isFinite(v))) {
      element('predict-out').textContent = 'enter a number (or one per feature, separated by commas)';
      return;
    }
    actions.predict(x);
  });
}

/** Alt+P play/pause, Alt+S step, Alt+R reset, Alt+E next phase, Alt+G graph: the run without the mouse. */
function bindShortcuts(actions: PanelActions): void {
  const shortcuts: Record<string, () => void> = {
    p: () => actions.playOrPause(),
    s: () => actions.step(),
    r: () => actions.reset(),
    e: () => actions.nextPhase(),
    g: () => actions.showGraph(),
  };
  document.addEventListener('keydown', (e) => {
    const action = e.altKey && !e.ctrlKey && !e.metaKey ? shortcuts[e.key.toLowerCase()] : undefined;
    if (action) {
      e.preventDefault();
      action();
    }
  });
}
