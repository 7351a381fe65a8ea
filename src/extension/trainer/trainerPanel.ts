// The trainer's webview panel, after vscode-extension-samples' webview-sample: one panel at a time,
// createOrShow / revive, one disposables list, resources only from dist/ and media/.
import * as vscode from 'vscode';
import type { TrainerLaunch } from '../../protocol/trainerLaunch';
import { validateFromWebview, type FromWebview, type ToWebview } from '../../protocol/webviewMessages';
import { pickDataFile, readEditorArrays } from './trainerData';
import { exportPng, exportText } from './trainerExport';
import { makeNonce, trainerHtml } from './trainerHtml';
import { DEFAULT_TRAINER_TITLE, trainerTitle } from './trainerTitle';
import { errorMessage } from '../../common/result';
import { GraphPanel } from '../graph/graphPanel';

export const TRAINER_VIEW_TYPE = 'autogradLab.trainer';

export class TrainerPanel {
  private static current: TrainerPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Messages waiting for the page to say it is ready (a launch given before the page loaded). */
  private pending: ToWebview[] = [];
  private ready = false;

  static createOrShow(context: vscode.ExtensionContext, launch?: TrainerLaunch): TrainerPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    let panel = TrainerPanel.current;
    if (panel) {
      panel.panel.reveal(column);
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(TRAINER_VIEW_TYPE, DEFAULT_TRAINER_TITLE, column, {
        ...webviewOptions(context.extensionUri),
        // Training goes on while the user reads their code in another tab.
        retainContextWhenHidden: true,
      });
      panel = new TrainerPanel(webviewPanel, context);
    }
    if (launch) panel.post({ type: 'launch', launch });
    return panel;
  }

  /** After a window reload: the page restores its own state (getState); we give it its HTML and wiring again. */
  static revive(webviewPanel: vscode.WebviewPanel, context: vscode.ExtensionContext): TrainerPanel {
    TrainerPanel.current?.dispose();
    webviewPanel.webview.options = webviewOptions(context.extensionUri);
    return new TrainerPanel(webviewPanel, context);
  }

  static get currentPanel(): TrainerPanel | undefined {
    return TrainerPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
  ) {
    TrainerPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
  }

  post(message: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(message);
    else this.pending.push(message);
  }

  private receive(raw: unknown): void {
    const checked = validateFromWebview(raw);
    if (!checked.ok) {
      // The page is untrusted: a malformed message is reported, never acted on.
      console.warn(`Autograd Lab: ignored a message from the trainer panel (${checked.error.message})`);
      return;
    }
    void this.handle(checked.value).catch((e: unknown) => {
      this.post({ type: 'notice', level: 'error', text: errorMessage(e) });
    });
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const pending = this.pending;
        this.pending = [];
        for (const m of pending) void this.panel.webview.postMessage(m);
        return;
      }
      case 'trainingLoss':
        this.panel.title = trainerTitle(message.lossExpr);
        return;
      case 'pickDataFile': {
        const source = await pickDataFile();
        if (source) this.post({ type: 'data', source });
        return;
      }
      case 'useEditorArrays': {
        const result = await readEditorArrays();
        this.post(
          result.ok
            ? { type: 'data', source: result.value }
            : { type: 'notice', level: 'error', text: result.error.message },
        );
        return;
      }
      case 'export':
        await exportText(message.format, message.text);
        return;
      case 'showGraph':
        GraphPanel.showTrainerGraph(
          this.context,
          message.graph,
          message.epoch,
          message.reveal,
          this.panel.viewColumn,
          () => this.post({ type: 'graphClosed' }),
        );
        return;
      case 'exportPng': {
        const saved = await exportPng(message.dataUrl);
        if (saved) this.post({ type: 'notice', level: 'info', text: `Saved the charts to ${saved}` });
        return;
      }
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    return trainerHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asUri('dist', 'webview.js'),
      workerUri: asUri('dist', 'worker.js'),
      styleUri: asUri('media', 'trainer.css'),
    });
  }

  dispose(): void {
    if (TrainerPanel.current === this) TrainerPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}
