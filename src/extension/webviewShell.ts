// What every panel's HTML shell shares: a nonce, attribute escaping and the strict Content-Security-Policy
// (nothing by default; our own script by nonce, our own stylesheet and images; no inline style, no eval).
// Pure: no vscode import, so the webview tests serve the same shells from a local server.

/** 32 random alphanumerics; crypto.getRandomValues exists in Node 20 and in browsers (the web extension host). */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

export function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The shared policy plus a panel's own directives (`connect-src`, `worker-src`, `font-src`). */
export function contentSecurityPolicy(cspSource: string, nonce: string, extra: string[]): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    ...extra,
  ].join('; ');
}
