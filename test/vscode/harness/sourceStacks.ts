// Stack traces that point into the .ts tests, not into their bundles. The extension host installs its
// own Error.prepareStackTrace, which bypasses Node's source-map support, so frames are mapped here
// through the bundles' inline source maps (module.findSourceMap) after the host has formatted them.
import { findSourceMap } from 'node:module';
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
