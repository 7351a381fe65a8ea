// The computation graph panel's HTML shell: a strict CSP (only our own script, by nonce, and our own
// stylesheet; no inline style, no eval, no network), the stylesheet, and the page script. The page builds
// its own markup and draws the graph as SVG. Pure, like trainerHtml.ts: the panel host passes the webview's
// URIs, and the webview tests serve the same shell from a local server.
import { attribute, contentSecurityPolicy } from '../webviewShell';

export { makeNonce } from '../webviewShell';

export interface GraphHtmlOptions {
  /** webview.cspSource: the origin of the extension's own resources. */
  cspSource: string;
  nonce: string;
  /** dist/graph.js as a webview URI. */
  scriptUri: string;
  /** media/graph.css as a webview URI. */
  styleUri: string;
}

export function graphHtml(o: GraphHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(o.cspSource, o.nonce, [`font-src ${o.cspSource}`]))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(o.styleUri)}">
<title>Computation Graph</title>
</head>
<body>
<noscript>The computation graph needs JavaScript.</noscript>
<script nonce="${attribute(o.nonce)}" src="${attribute(o.scriptUri)}"></script>
</body>
</html>`;
}
