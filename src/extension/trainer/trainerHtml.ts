// The trainer panel's HTML shell: a strict CSP, the stylesheet, and the page script by nonce. The page
// builds its own layout; the worker's URL rides on a data attribute because the page must fetch it and
// start it from a Blob (a webview cannot start a worker from its resource URL directly).
// Pure: the webview tests serve the same shell from a local server.

interface TrainerHtmlOptions {
  /** webview.cspSource: the origin of the extension's own resources. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  workerUri: string;
  styleUri: string;
}

function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `connect-src ${cspSource}`,
    'worker-src blob:',
  ].join('; ');
}

/** 32 random alphanumerics; crypto.getRandomValues exists in Node 20 and in browsers (the web extension host). */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function trainerHtml(o: TrainerHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(contentSecurityPolicy(o.cspSource, o.nonce))}">
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
