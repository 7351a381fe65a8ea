// The Export buttons: the history as CSV or JSON, the charts as PNG, the run as a PyTorch or numpy
// script. The extension opens the text in a new editor (or saves the PNG). The PyTorch script is written
// in the worker, where the run's model and first values are; the page asks for it and passes it on. The
// numpy script, written here, exists for the line model only: its button says so for any other run.
import type { TrainerSettings } from '../../protocol/trainerSettings';
import type { AppliedChange, FromWorker } from '../../protocol/workerMessages';
import { element } from './controls';
import { runText } from './describe';
import { numpyRefusal, numpyScript } from './exportScript';
import type { RunHistory } from './runHistory';
import type { VsCodeApi } from './vscodeApi';

interface ExportSources {
  settings(): TrainerSettings;
  changes(): AppliedChange[];
  history(): RunHistory | null;
  png(): string;
  /** Asks the worker for the PyTorch script; its answer comes to `received`. */
  requestPytorchScript(title: string): void;
  notice(level: 'info' | 'error', text: string): void;
}

/** What the page forwards to the exports: the worker's script or its refusal, and each new setting. */
export interface ScriptExports {
  received(message: Extract<FromWorker, { type: 'pytorchScript' | 'exportRefused' }>): void;
  settingsChanged(settings: TrainerSettings): void;
}

/** The run as JSON: its settings (a file's text left out), the live changes and every epoch. */
function historyJson(settings: TrainerSettings, changes: AppliedChange[], history: RunHistory | null): string {
  const source = settings.source.kind === 'file' ? { ...settings.source, text: undefined } : settings.source;
  return JSON.stringify({ settings: { ...settings, source }, changes, history: history?.toJSON() ?? null }, null, 2);
}

export function bindExports(vscode: VsCodeApi, from: ExportSources): ScriptExports {
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
  on('export-pytorch', () => from.requestPytorchScript(runText(from.settings())));
  on('export-numpy', () => {
    const refusal = numpyRefusal(from.settings());
    if (refusal) from.notice('info', refusal);
    else vscode.postMessage({ type: 'export', format: 'numpy', text: numpyScript(from.settings()) });
  });
  return {
    received(message) {
      if (message.type === 'exportRefused') {
        from.notice('error', message.message);
        return;
      }
      vscode.postMessage({ type: 'export', format: 'pytorch', text: message.text });
      if (message.notes.length) from.notice('info', message.notes.join(' '));
    },
    settingsChanged(settings) {
      const refusal = numpyRefusal(settings);
      element<HTMLButtonElement>('export-numpy').disabled = refusal !== null;
      const note = element('export-note');
      note.hidden = refusal === null;
      note.textContent = refusal ?? '';
    },
  };
}
