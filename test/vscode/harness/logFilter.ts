// Turns the workbench's log stream (codeAutomationLog) into the terminal output of a test run:
// only what the extension host prints between the entry's start and summary lines (mocha's report and
// the extension's own console output); the workbench's start-up chatter is kept for a failure report.
import { format } from 'node:util';

export interface LogFilter {
  write(type: string, args: unknown): void;
  /** The mocha summary counts, once the entry printed them. */
  summary(): { passed: number; failed: number } | undefined;
  /** The last lines seen outside the test run, to explain a run that never started. */
  startupLog(): string;
}

export interface LogFilterOptions {
  verbose: boolean;
  prefix: string;
  print?: (line: string, isError: boolean) => void;
  /** Rewrites each line before it is printed (the web host's stack frames, mapped to the .ts files). */
  rewrite?: (line: string) => string;
  /** Called once when the extension host dies: the run can end now instead of at its timeout. */
  onHostCrash?: (line: string) => void;
}

const hostCrash = /Extension host .* terminated unexpectedly/;
/**
 * The workbench's own lines that reach the same stream while tests run (with the web worker extension
 * host, the page logs these between mocha's lines): shown only when verbose.
 */
const workbenchChatter = [
  /^Ignoring fetching additional builtin extensions from gallery as it is disabled\.$/,
  /^Updating additional builtin extensions cache$/,
];

export function createLogFilter(options: LogFilterOptions): LogFilter {
  const print = options.print ?? ((line, isError) => (isError ? process.stderr : process.stdout).write(`${line}\n`));
  const startMarker = `${options.prefix} start`;
  const summaryPattern = new RegExp(`^${options.prefix} (\\d+) passed, (\\d+) failed$`);
  let phase: 'before' | 'running' | 'done' = 'before';
  let counts: { passed: number; failed: number } | undefined;
  const startup: string[] = [];

  return {
    write(type, args) {
      const text = Array.isArray(args) ? format(...(args as unknown[])) : String(args);
      const line = options.rewrite ? options.rewrite(text) : text;
      const isError = type === 'error';
      if (hostCrash.test(line) && phase !== 'done') {
        print(line, true);
        options.onHostCrash?.(line);
      }
      if (line === startMarker) {
        phase = 'running';
        return;
      }
      const summary = summaryPattern.exec(line);
      if (summary) {
        counts = { passed: Number(summary[1]), failed: Number(summary[2]) };
        phase = 'done';
        return;
      }
      if (phase === 'running' && !options.verbose && workbenchChatter.some((chatter) => chatter.test(line))) return;
      if (phase === 'running' || options.verbose) print(phase === 'running' ? line : `[${type}] ${line}`, isError);
      else if (phase === 'before') startup.push(`[${type}] ${line}`);
      if (startup.length > 200) startup.shift();
    },
    summary: () => counts,
    startupLog: () => startup.join('\n'),
  };
}
