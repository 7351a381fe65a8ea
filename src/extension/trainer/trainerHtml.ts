// The trainer panel's HTML shell: a strict CSP, the stylesheet, and the page script by nonce. The page
// builds its own layout; the worker's URL rides on a data attribute because the page must fetch it and
// start it from a Blob (a webview cannot start a worker from its resource URL directly).
// Pure: the webview tests serve the same shell from a local server.

import { attribute, contentSecurityPolicy } from '../webviewShell';

export { makeNonce } from '../webviewShell';

interface TrainerHtmlOptions {
  /** webview.cspSource: the origin of the extension's own resources. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  workerUri: string;
  styleUri: string;
}

export function trainerHtml(o: TrainerHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(o.cspSource, o.nonce, [`connect-src ${o.cspSource}`, 'worker-src blob:']))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(o.styleUri)}">
<title>Train Linear Model</title>
</head>
<body data-worker-uri="${attribute(o.workerUri)}">
<noscript>The trainer needs JavaScript.</noscript>
<script nonce="${attribute(o.nonce)}" src="${attribute(o.scriptUri)}"></script>
</body>
</html>`;
}
