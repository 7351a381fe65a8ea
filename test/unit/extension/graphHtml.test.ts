// The graph panel's HTML shell: the CSP lets in only our own script (by its nonce) and stylesheet, no
// inline style, no eval and no network; the URIs it is given are escaped, never interpreted as markup.
import assert from 'node:assert/strict';
import { graphHtml } from '../../../src/extension/graph/graphHtml';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'abc123',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/graph.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/graph.css',
};

function csp(html: string): Map<string, string[]> {
  const content = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
  return new Map(
    content.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as [string, string[]];
    }),
  );
}

describe('graph panel HTML shell', () => {
  it('allows only the nonce’d script and our own stylesheet, nothing inline and no network', () => {
    const policy = csp(graphHtml(options));
    assert.deepEqual(policy.get('default-src'), ["'none'"]);
    assert.deepEqual(policy.get('script-src'), ["'nonce-abc123'"]);
    assert.deepEqual(policy.get('style-src'), [options.cspSource]);
    assert.equal(policy.has('connect-src'), false);
    assert.ok(![...policy.values()].flat().some((v) => /unsafe/.test(v)), 'no unsafe-inline, no unsafe-eval');
  });

  it('loads the page script with the nonce and the stylesheet', () => {
    const html = graphHtml(options);
    assert.ok(html.includes(`<script nonce="abc123" src="${options.scriptUri}"></script>`));
    assert.ok(html.includes(`<link rel="stylesheet" href="${options.styleUri}">`));
  });

  it('escapes a URI that would close its attribute', () => {
    const html = graphHtml({ ...options, scriptUri: 'x"><script>alert(1)</script>' });
    assert.ok(!html.includes('<script>alert(1)'));
    assert.ok(html.includes('x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
  });
});
