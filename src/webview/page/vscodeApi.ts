// The webview's handle on VS Code: messages to the extension and the state kept across hide and reload.
// Tests provide their own acquireVsCodeApi.
import type { FromWebview } from '../../protocol/webviewMessages';

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export function vscodeApi(): VsCodeApi {
  return acquireVsCodeApi();
}
