// The common first half of derive, check and compile: syntax, parse, inline the document's definitions,
// gather values, and choose the parameters.
import type { DeriveOptions, Substitution, Syntax, Numeric } from './types';
import { freeNames, type Node } from './tree/ast';
import { isMatrix, type Matrix } from './evaluate/matrixValues';
import { assumedMatricesWarning, matrixNames, withoutVectorTransposes } from './shapes/matrixNames';
import { scanDocument } from './document/scan';
import { ExprFailure } from './tree/errors';
import { parseExpression } from './syntax/parse';
import { resolveNames, type Origin } from './document/inline';
import { SAMPLE_COUNTS } from './shapes/arrayShapes';
import { dialectOf, detectSyntax, syntaxOfLanguage, type Dialect } from './syntax/dialects';

/** Names people give parameters; anything else free is data unless marked trainable. */
const CONVENTIONAL_PARAMETERS =
  /^(w|b|W|B|theta|θ|weights?|bias(es)?|[wWbB]_?\d+|theta_?\d+|θ_?\d+|beta|β|beta_?\d+|β_?\d+|slope|intercept|coef|params?|a)$/;

export interface Prepared {
  syntax: Syntax;
  dialect: Dialect;
  parsed: Node;
  tree: Node;
  parameters: string[];
  values: Record<string, Numeric>;
  /** 2-D values (never also in `values`): evaluated on the engine only. */
  matrices: Record<string, Matrix>;
  /** Names that are matrices: those in `matrices`, and those read as matrices from their use (X @ w). */
  matrixNames: ReadonlySet<string>;
  /** Names whose values the document declares float32. */
  float32: string[];
  substitutions: Substitution[];
  /** The inlined definitions' trees with their names and lines (document/inline.ts). */
  origins: Origin[];
  warnings: string[];
}

/** Names people give data: never guessed as parameters while another name is left (-mean(y*log(p)) is about p). */
const DATA_NAMES = /^(x|y|X|Y|xs|ys|x_i|y_i|y_true|targets?|labels?|inputs?)$/;

/** requires_grad names, else conventional names, else every free name but the sample counts. */
function guessParameters(free: string[], trainable: string[]): string[] {
  const marked = trainable.filter((n) => free.includes(n));
  if (marked.length) return marked;
  // self.w is named like w: an attribute's last part says what it is
  const own = (n: string) => n.slice(n.lastIndexOf('.') + 1);
  const conventional = free.filter((n) => CONVENTIONAL_PARAMETERS.test(own(n)));
  if (conventional.length) return conventional;
  const candidates = free.filter((n) => !SAMPLE_COUNTS.test(own(n)) && !DATA_NAMES.test(own(n)));
  return candidates.length ? candidates : free;
}

export function prepare(text: string, options: DeriveOptions = {}): Prepared {
  const context = options.context;
  const syntax = options.syntax ?? syntaxOfLanguage(context?.languageId) ?? detectSyntax(text);
  const parsed = parseExpression(text, syntax);
  const scan = context ? scanDocument(context.text, syntax === 'math' ? detectSyntax(context.text) : syntax) : null;
  const explicit = options.wrt?.filter(Boolean) ?? [];
  const resolution = resolveNames(parsed, scan, context?.offset, new Set(explicit));
  const tree = resolution.tree;
  const free = freeNames(tree);
  const values: Record<string, Numeric> = { ...resolution.values, ...(options.at ?? {}) };
  const matrices: Record<string, Matrix> = {};
  for (const [name, m] of Object.entries({ ...resolution.matrices, ...(options.matrices ?? {}) })) {
    if (!(name in (options.at ?? {}))) matrices[name] = m; // an explicit `at` value wins over a literal
  }
  for (const [name, v] of Object.entries(options.at ?? {})) if (isMatrix(v)) matrices[name] = v; // untyped callers (JSON)
  for (const name of Object.keys(matrices)) delete values[name];
  if (options.requireWrt) {
    const absent = explicit.find((n) => !free.includes(n));
    if (absent)
      throw new ExprFailure(
        `${absent} does not appear in the loss${free.length ? ` (its names: ${free.join(', ')})` : ''}`,
        0,
      );
  }
  const parameters = explicit.length ? explicit : guessParameters(free, resolution.trainable);
  const twice = parameters.find((p) => resolution.reassigned.has(p));
  if (twice) {
    const lines = (resolution.reassigned.get(twice) as number[]).join(' and ');
    throw new ExprFailure(
      `${twice} is assigned on lines ${lines}, and the loss uses more than one of them: Autograd Lab does not pick which one to differentiate by`,
      0,
    );
  }
  const warnings: string[] = [...resolution.notes];
  const dataNames = free.filter((n) => !parameters.includes(n));
  const unvalued = dataNames.filter((n) => values[n] === undefined && !matrices[n]);
  if (unvalued.length && dataNames.length) {
    warnings.push(`treated as constants: ${unvalued.join(', ')}`);
  }
  const shapes = matrixNames(tree, parameters, values, matrices);
  const assumed = assumedMatricesWarning(shapes.assumed);
  if (assumed) warnings.push(assumed);
  const libraryHint = /\b(torch|F|np|numpy)\./.test(text)
    ? text
    : `${text} ${/^\s*import torch/m.test(context?.text ?? '') && !/^\s*import numpy/m.test(context?.text ?? '') ? 'torch.' : ''}`;
  return {
    syntax,
    dialect: dialectOf(libraryHint, syntax),
    parsed,
    tree: shapes.transposes ? withoutVectorTransposes(tree, parameters, values, shapes.names) : tree,
    parameters,
    values,
    matrices,
    matrixNames: shapes.names,
    float32: resolution.float32,
    substitutions: resolution.substitutions,
    origins: resolution.origins,
    warnings,
  };
}
