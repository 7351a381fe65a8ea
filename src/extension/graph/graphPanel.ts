// The computation graph panel's host side: one panel at a time, showing the graph last asked for; a click
// on a node's line in the page brings the user back to that line of the source.
import * as vscode from 'vscode';
import type { ComputationGraph } from '../../expr';
import { validateFromGraphPage, type FromGraphPage, type ToGraphPage } from '../../protocol/graphMessages';
import { graphHtml, makeNonce } from './graphHtml';

export const GRAPH_VIEW_TYPE = 'autogradLab.graph';

/** Where the graph came from: a document (its lines map to the document's), or the trainer's run. */
export interface GraphSource {
  /** The document, for Show line N; none for the trainer's graph. */
  uri?: vscode.Uri;
  title: string;
  /** 'micrograd_readme.py:18', for the log and the panel's heading. */
  origin: string;
  /** The graph's line numbers count lines of the text src/expr read; this is the document's first line in it. */
  firstLine: number;
}

export class GraphPanel {
  private static current: GraphPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The graph on show: sent again whenever the page (re)loads, as a webview does when it is moved or hidden. */
  private latest: ToGraphPage | undefined;
  private ready = false;
  private source: GraphSource | undefined;

  /** Called once when the trainer's graph stops being shown (the panel closed, or an editor's graph took it). */
  private trainerGraphEnded: (() => void) | undefined;

  static show(
    context: vscode.ExtensionContext,
    graph: ComputationGraph,
    source: GraphSource,
    reveal = true,
    /** The trainer's column: the graph goes beside it, never over it. */
    besides?: vscode.ViewColumn,
  ): GraphPanel {
    const column =
      besides !== undefined || vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    let panel = GraphPanel.current;
    if (panel) {
      if (besides !== undefined && panel.panel.viewColumn === besides)
        panel.panel.reveal(vscode.ViewColumn.Beside, true);
      else if (reveal) panel.panel.reveal(undefined, true); // where the user put it
      if (source.uri) panel.endTrainerGraph();
    } else {
      const webviewPanel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Computation Graph', column, {
        enableScripts: true,
        localResourceRoots: [
          vscode.Uri.joinPath(context.extensionUri, 'dist'),
          vscode.Uri.joinPath(context.extensionUri, 'media'),
        ],
      });
      panel = new GraphPanel(webviewPanel, context);
    }
    panel.source = source;
    panel.panel.title = `Graph: ${source.title.length > 30 ? `${source.title.slice(0, 29)}…` : source.title}`;
    panel.post({ type: 'graph', graph });
    return panel;
  }

  /**
   * The trainer's graph at an epoch. A redraw while training (reveal false) goes only to a panel still
   * showing the trainer's graph; otherwise `ended` says the run's graph is no longer followed.
   */
  static showTrainerGraph(
    context: vscode.ExtensionContext,
    graph: ComputationGraph,
    epoch: number,
    reveal: boolean,
    trainerColumn: vscode.ViewColumn | undefined,
    ended: () => void,
  ): void {
    const current = GraphPanel.current;
    if (!reveal && !current?.trainerGraphEnded) {
      ended();
      return;
    }
    const panel = GraphPanel.show(
      context,
      graph,
      { title: `training, epoch ${epoch}`, origin: 'the trainer', firstLine: 1 },
      reveal,
      reveal ? trainerColumn : undefined,
    );
    panel.trainerGraphEnded = ended;
  }

  private endTrainerGraph(): void {
    const ended = this.trainerGraphEnded;
    this.trainerGraphEnded = undefined;
    ended?.();
  }

  static get currentPanel(): GraphPanel | undefined {
    return GraphPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
  ) {
    GraphPanel.current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.html = this.html();
    panel.onDidDispose(() => this.dispose(), null, this.disposables);
    panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw), null, this.disposables);
  }

  private post(message: ToGraphPage): void {
    this.latest = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const checked = validateFromGraphPage(raw);
    if (!checked.ok) {
      console.warn(`Autograd Lab: ignored a message from the graph panel (${checked.error.message})`);
      return;
    }
    void this.handle(checked.value);
  }

  private async handle(message: FromGraphPage): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        if (this.latest) void this.panel.webview.postMessage(this.latest);
        return;
      }
      case 'reveal': {
        const source = this.source;
        if (!source?.uri) return;
        const line = message.line - source.firstLine; // 0-based line of the document
        const document = await vscode.workspace.openTextDocument(source.uri);
        if (line < 0 || line >= document.lineCount) return;
        const range = document.lineAt(line).range;
        await vscode.window.showTextDocument(document, {
          viewColumn: vscode.ViewColumn.One,
          selection: new vscode.Selection(range.start, range.end),
        });
        return;
      }
    }
  }

  private html(): string {
    const webview = this.panel.webview;
    const asUri = (...path: string[]) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, ...path)).toString();
    return graphHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asUri('dist', 'graph.js'),
      styleUri: asUri('media', 'graph.css'),
    });
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    this.endTrainerGraph();
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
