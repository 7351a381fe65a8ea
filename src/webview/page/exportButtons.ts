// The Export buttons: the history as CSV or JSON, the charts as PNG, the run as a PyTorch or numpy
// script. The page makes the text; the extension opens it in a new editor (or saves the PNG).
import type { AppliedChange } from '../../protocol/workerMessages';
import type { TrainerSettings } from '../../protocol/trainerSettings';
import { element } from './controls';
import { exportScript } from './exportScript';
import type { RunHistory } from './runHistory';
import type { VsCodeApi } from './vscodeApi';

interface ExportSources {
  settings(): TrainerSettings;
  changes(): AppliedChange[];
  history(): RunHistory | null;
  png(): string;
}

/** The run as JSON: its settings (a file's text left out), the live changes and every epoch. */
function historyJson(settings: TrainerSettings, changes: AppliedChange[], history: RunHistory | null): string {
  const source = settings.source.kind === 'file' ? { ...settings.source, text: undefined } : settings.source;
  return JSON.stringify({ settings: { ...settings, source }, changes, history: history?.toJSON() ?? null }, null, 2);
}

export function bindExports(vscode: VsCodeApi, from: ExportSources): void {
  const on = (id: string, run: () => void) => element(id).addEventListener('click', run);
  on('export-csv', () => {
    const history = from.history();
    if (history) vscode.postMessage({ type: 'export', format: 'csv', text: history.toCsv() });
  });
  on('export-json', () =>
    vscode.postMessage({
      type: 'export',
      format: 'json',
      text: historyJson(from.settings(), from.changes(), from.history()),
    }),
  );
  on('export-png', () => vscode.postMessage({ type: 'exportPng', dataUrl: from.png() }));
  on('export-pytorch', () =>
    vscode.postMessage({ type: 'export', format: 'pytorch', text: exportScript(from.settings(), 'pytorch') }),
  );
  on('export-numpy', () =>
    vscode.postMessage({ type: 'export', format: 'numpy', text: exportScript(from.settings(), 'numpy') }),
  );
}
