// The graph page's handle on VS Code: only the messages of src/protocol/graphMessages.ts go out.
// Tests provide their own acquireVsCodeApi.
import type { FromGraphPage } from '../../protocol/graphMessages';

export interface GraphVsCodeApi {
  postMessage(message: FromGraphPage): void;
}

declare function acquireVsCodeApi(): GraphVsCodeApi;

export function graphVsCodeApi(): GraphVsCodeApi {
  return acquireVsCodeApi();
}
