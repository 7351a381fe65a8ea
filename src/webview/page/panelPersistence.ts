// Saving the panel: what the page keeps with vscode.setState (debounced while epochs stream in), and
// reading it back when the tab is recreated or the window reloads.
import { validatePanelState, type PanelState } from '../../protocol/panelState';
import type { TrainerSettings } from '../../protocol/trainerSettings';
import type { AppliedChange } from '../../protocol/workerMessages';
import type { SessionState } from '../../train/types';
import type { RunHistory } from './runHistory';
import type { VsCodeApi } from './vscodeApi';

const SAVE_EVERY_MS = 500;
/** A larger file is not kept in the webview's state (serialized on every save): the user picks it again. */
const MAX_SAVED_FILE_CHARS = 5_000_000;
/** The log lines kept: enough to read the run back, not the whole of a million-epoch run. */
const SAVED_LOG_LINES = 1000;

/** What the page holds at the moment it is saved. */
interface PanelSnapshot {
  settings: TrainerSettings;
  changes: AppliedChange[];
  history: RunHistory | null;
  /** Every log line on screen; the newest SAVED_LOG_LINES are kept. */
  log: readonly string[];
  status: SessionState;
}

/** The saved panel, or null for a fresh one (nothing saved, or a state this version cannot read). */
export function savedPanel(vscode: VsCodeApi): PanelState | null {
  const saved = validatePanelState(vscode.getState());
  return saved.ok ? saved.value : null;
}

/** The label of the data file whose text was too large to keep with the panel, or null. */
export function fileLeftOut(settings: TrainerSettings): string | null {
  return settings.source.kind === 'file' && settings.source.text === '' ? settings.source.label : null;
}

export class PanelPersistence {
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly vscode: VsCodeApi,
    private readonly snapshot: () => PanelSnapshot,
  ) {}

  /** Saves within SAVE_EVERY_MS: epochs arrive many times a second, and each save serializes the run. */
  saveSoon(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.saveNow();
    }, SAVE_EVERY_MS);
  }

  saveNow(): void {
    const { settings, changes, history, log, status } = this.snapshot();
    const source = settings.source;
    const tooLarge = source.kind === 'file' && source.text.length > MAX_SAVED_FILE_CHARS;
    const state: PanelState = {
      version: 1,
      settings: tooLarge ? { ...settings, source: { ...source, text: '' } } : settings,
      changes,
      history: history ? history.savedCopy() : null,
      paramNames: history?.names ?? [],
      initialParams: history?.initial ?? [],
      log: log.slice(-SAVED_LOG_LINES),
      status,
    };
    this.vscode.setState(state);
  }
}
