// Stack traces that point into the .ts tests, not into their bundles. The extension host installs its
// own Error.prepareStackTrace, which bypasses Node's source-map support, so frames are mapped here
// through the bundles' inline source maps (module.findSourceMap) after the host has formatted them.
import { existsSync, readFileSync } from 'node:fs';
import { findSourceMap, SourceMap, type SourceMapPayload } from 'node:module';
import { isAbsolute, resolve, dirname } from 'node:path';

const frame = /(\/[^\s():]+\.js):(\d+):(\d+)/g;

function mapFrame(match: string, file: string, line: string, column: string): string {
  const entry = findSourceMap(file)?.findEntry(Number(line) - 1, Number(column) - 1);
  if (!entry || !('originalSource' in entry) || !entry.originalSource) return match;
  const source = entry.originalSource.replace(/^file:\/\//, '');
  const path = isAbsolute(source) ? source : resolve(dirname(file), source);
  return `${path}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
}

/** Turns on source maps for modules loaded from now on and maps every stack trace formatted later. */
export function useSourceStacks(): void {
  process.setSourceMapsEnabled(true);
  const format = Error.prepareStackTrace;
  Error.prepareStackTrace = (error, callSites) => {
    const text = format
      ? String(format(error, callSites))
      : [String(error), ...callSites.map((site) => `    at ${site}`)].join('\n');
    return text.replace(frame, mapFrame);
  };
}

// The runner's side, for the web worker host: there a frame names the bundle by its URL,
// vscode-remote://127.0.0.1:<port>/<path>.js#vscode-extension:<line>:<column>, and no Node maps it. That
// host runs a module as the body of `new Function(...)`, whose header takes 2 lines: line 3 is the file's 1.
const bundleFrame = /vscode-remote:\/\/[^/\s]+(\/[^\s():#]+\.js)(#vscode-extension)?:(\d+):(\d+)/g;
const functionHeaderLines = 2;
const inlineMap = /\/\/# sourceMappingURL=data:application\/json;base64,([A-Za-z0-9+/=]+)\s*$/;
const bundleMaps = new Map<string, SourceMap | undefined>();

function bundleMap(file: string): SourceMap | undefined {
  if (!bundleMaps.has(file)) {
    const base64 = existsSync(file) ? inlineMap.exec(readFileSync(file, 'utf8'))?.[1] : undefined;
    bundleMaps.set(
      file,
      base64
        ? new SourceMap(JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as SourceMapPayload)
        : undefined,
    );
  }
  return bundleMaps.get(file);
}

/** Rewrites the web bundle's frames in a line of the host's log to the .ts file, line and column. */
export function mapBundleFrames(line: string): string {
  return line.replace(bundleFrame, (match, file: string, wrapped: string | undefined, lineNumber, column) => {
    const generatedLine = Number(lineNumber) - 1 - (wrapped ? functionHeaderLines : 0);
    const entry = bundleMap(file)?.findEntry(generatedLine, Number(column) - 1);
    if (!entry || !('originalSource' in entry) || !entry.originalSource) return match;
    return `${resolve(dirname(file), entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
