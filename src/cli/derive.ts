// `autograd-lab derive "<expr>" [--wrt w,b] [--syntax python|js|math] [--context FILE] [--at w=0,x=[1,2]]
// [--format text|latex|json]`: the derivative as a person would write it, its value, and where the names
// came from. Bad input gets the message, the expression, and a caret under the column.
import {
  derive,
  type DeriveOptions,
  type DeriveResult,
  type ExprError,
  type Syntax,
  type Numeric,
  type GradientValue,
} from '../expr';
import { parseExprArgs } from './exprArgs';
import type { CliIo } from './io';
import { errorMessage } from '../common/result';

const MAX_CONTEXT_BYTES = 5_000_000;

const deriveHelp = `usage: autograd-lab derive "<expr>" [options]

  --wrt w,b                  parameters (default: requires_grad names, else w, b, theta, ..., else all)
  --syntax python|js|math    the expression's syntax (default: detected)
  --context FILE             a file whose definitions and values the expression uses
  --at w=0,x=[1,2,3,4]       values of names (merged over the file's)
  --format text|latex|json   output (default text)

example: autograd-lab derive "((w*x - y)**2).mean()" --at w=0,x=[1,2,3,4],y=[2,4,6,8]
         autograd-lab derive "-np.mean(y*np.log(p))" --wrt p --at p=[0.5,0.2],y=[1,0]
`;

export class ExprUsageError extends Error {}

/** `w=0,x=[1,2,3,4]` -> {w: 0, x: [1, 2, 3, 4]}; commas inside brackets belong to the array. */
/** `--at w=0,x=[1,2,3,4],X=[[1,2],[3,4]]`: scalars and vectors go to `at`, 2-D values to `matrices`. */
export function parseAt(text: string): { at: Record<string, Numeric>; matrices?: Record<string, number[][]> } {
  const values: Record<string, Numeric> = {};
  const matrices: Record<string, number[][]> = {};
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (ch === '[') depth++;
    if (ch === ']') depth--;
    if ((ch === ',' && depth === 0) || i === text.length) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  for (const part of parts.filter((p) => p.trim())) {
    const match = /^\s*([A-Za-z_$\u0370-\u03ff][\w$\u0370-\u03ff]*(?:\.[A-Za-z_$][\w$]*)*)\s*=\s*(.+?)\s*$/.exec(part);
    if (!match) throw new ExprUsageError(`--at: expected name=value, got "${part}"`);
    const raw = match[2];
    if (/^\[\s*\[/.test(raw)) {
      matrices[match[1]] = parseMatrix(raw, match[1]);
      continue;
    }
    const value = raw.startsWith('[') ? parseArray(raw, match[1]) : Number(raw);
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new ExprUsageError(`--at: ${match[1]} is not a number: "${raw}"`);
    values[match[1]] = value;
  }
  return Object.keys(matrices).length ? { at: values, matrices } : { at: values };
}

/** `[[1,2],[3,4]]`: rows of equal length. */
function parseMatrix(raw: string, name: string): number[][] {
  const rowPattern = /\[[^[\]]*\]/g;
  const inner = raw.endsWith(']') ? raw.slice(1, -1) : null;
  // Between and around the rows only commas and spaces may stand; anything else is a bracket out of place.
  if (inner === null || /[^\s,]/.test(inner.replace(rowPattern, '')))
    throw new ExprUsageError(`--at: ${name}: unbalanced bracket in "${raw}"`);
  const rows = [...inner.matchAll(rowPattern)].map((row) => parseArray(row[0], name));
  if (rows.some((row) => row.length !== rows[0].length))
    throw new ExprUsageError(`--at: ${name}: the rows of "${raw}" differ in length`);
  return rows;
}

function parseArray(raw: string, name: string): number[] {
  if (!raw.endsWith(']')) throw new ExprUsageError(`--at: ${name}: unbalanced bracket in "${raw}"`);
  const items = raw
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const numbers = items.map(Number);
  const bad = items.findIndex((_, i) => !Number.isFinite(numbers[i]));
  if (bad >= 0) throw new ExprUsageError(`--at: ${name}: "${items[bad]}" is not a number`);
  return numbers;
}

export function readContext(path: string, io: CliIo): { text: string; languageId?: string } {
  let size: number;
  try {
    size = io.fileSize(path);
  } catch {
    throw new ExprUsageError(`--context: cannot read ${path}`);
  }
  if (size > MAX_CONTEXT_BYTES)
    throw new ExprUsageError(`--context: ${path} is larger than ${MAX_CONTEXT_BYTES} bytes`);
  const text = io.readFile(path);
  const languageId = /\.py$/.test(path) ? 'python' : /\.[cm]?[jt]sx?$/.test(path) ? 'typescript' : undefined;
  return languageId ? { text, languageId } : { text };
}

export function parseSyntax(value: string | undefined): Syntax | undefined {
  if (value === undefined) return undefined;
  if (value === 'python' || value === 'js' || value === 'math') return value;
  throw new ExprUsageError(`--syntax must be python, js or math (got "${value}")`);
}

/** The message, the expression, and a caret under the column (on the error's own line). */
export function caretBlock(command: string, error: ExprError, text: string): string {
  const lines = text.split('\n');
  const line = lines[(error.line ?? 1) - 1] ?? '';
  return `autograd-lab ${command}: ${error.message} (column ${error.column})\n  ${line}\n  ${' '.repeat(Math.max(0, error.column - 1))}^\n`;
}

/** The options derive, check and graph share: --syntax, --wrt (each name must appear), --context, --at. */
export function expressionOptions(
  flags: { syntax?: string; wrt?: string; context?: string; at?: string },
  io: CliIo,
): DeriveOptions {
  const options: DeriveOptions = {};
  const syntax = parseSyntax(flags.syntax);
  if (syntax) options.syntax = syntax;
  if (flags.wrt) {
    options.wrt = flags.wrt
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    options.requireWrt = true;
  }
  if (flags.context) options.context = readContext(flags.context, io);
  if (flags.at) Object.assign(options, parseAt(flags.at));
  return options;
}

/** Every value in full, a matrix as its rows: `[[1, 2], [3, 4]]`. */
const formatValue = (v: GradientValue): string =>
  Array.isArray(v) ? `[${(v as (number | number[])[]).map((item) => formatValue(item)).join(', ')}]` : String(v);

function textReport(result: DeriveResult): string {
  const out: string[] = [`L = ${result.expression}`];
  for (const s of result.substitutions) {
    out.push(`  ${s.kind === 'function' ? `${s.name}(...) returns` : `${s.name} =`} ${s.text}   (line ${s.line})`);
  }
  for (const p of result.parameters) {
    const d = result.derivatives[p];
    out.push(d.unicode);
    if (d.source) out.push(`  ${d.source}`);
  }
  if (result.values) {
    const matrices = Object.entries(result.values.matrices ?? {}).map(([k, m]) => `${k} = ${formatValue(m)}`);
    const at = [...Object.entries(result.values.at).map(([k, v]) => `${k} = ${formatValue(v)}`), ...matrices].join(
      ', ',
    );
    const grads = result.parameters.map((p) => `∂L/∂${p} = ${formatValue(result.values?.grad[p] ?? 0)}`).join(', ');
    out.push(`at ${at}:`, `  L = ${formatValue(result.values.loss)}, ${grads}`);
  }
  for (const w of result.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

/**
 * `--format json`: syntax, parameters, derivatives, values, substitutions and warnings; no raw forms,
 * values without `at`.
 */
function jsonReport(result: DeriveResult): string {
  const derivatives: Record<string, unknown> = {};
  for (const p of result.parameters) {
    const d = result.derivatives[p];
    derivatives[p] = {
      source: d.source,
      unicode: d.unicode,
      latex: d.latex,
      steps: d.steps,
      ...(d.unsupported ? { unsupported: d.unsupported } : {}),
    };
  }
  return `${JSON.stringify({
    syntax: result.syntax,
    parameters: result.parameters,
    derivatives,
    values: result.values && { loss: result.values.loss, grad: result.values.grad },
    substitutions: result.substitutions,
    warnings: result.warnings,
  })}\n`;
}

export async function runDerive(args: string[], io: CliIo): Promise<number> {
  let format = 'text';
  try {
    const { values: flags, positionals } = parseExprArgs(args, {
      wrt: { type: 'string' },
      syntax: { type: 'string' },
      context: { type: 'string' },
      at: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (flags.help) {
      io.stdout(deriveHelp);
      return 0;
    }
    format = flags.format ?? 'text';
    if (!['text', 'latex', 'json'].includes(format))
      throw new ExprUsageError(`--format must be text, latex or json (got "${format}")`);
    if (positionals.length !== 1)
      throw new ExprUsageError(
        `expected one expression in quotes, got ${positionals.length} (autograd-lab derive --help)`,
      );
    const text = positionals[0];
    const result = derive(text, expressionOptions(flags, io));
    if (!result.ok) {
      if (format === 'json')
        io.stdout(`${JSON.stringify({ error: { message: result.error.message, column: result.error.column } })}\n`);
      else io.stderr(caretBlock('derive', result.error, text));
      return 1;
    }
    if (format === 'json') io.stdout(jsonReport(result.value));
    else if (format === 'latex')
      io.stdout(result.value.parameters.map((p) => `${result.value.derivatives[p].latex}\n`).join(''));
    else io.stdout(textReport(result.value));
    return 0;
  } catch (e) {
    const message = errorMessage(e);
    if (format === 'json') io.stdout(`${JSON.stringify({ error: { message, column: 0 } })}\n`);
    else io.stderr(`autograd-lab derive: ${message}\n`);
    return 1;
  }
}
