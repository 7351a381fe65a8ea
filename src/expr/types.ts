// The expression contract's types: what the hover, the CLI and the trainer see of src/expr, and what its
// stages pass each other. It imports nothing, so every room of src/expr can use it without a circle;
// index.ts adds the functions. Their results are the project's Result<T, ExprError> (src/common/result.ts).
// Add fields freely, never break them.

export type Syntax = 'python' | 'js' | 'math';
/** A number or a 1-D array of numbers, as the expressions compute them (2-D values travel apart, as `matrices`). */
export type Numeric = number | number[];
/** A matrix's rows, equal in length: a 2-D value or a matrix parameter's gradient. */
export type Rows = number[][];
/** What a gradient can be: a number, a vector, or a matrix parameter's gradient as rows. */
export type GradientValue = Numeric | Rows;

export interface Span {
  start: number;
  end: number;
} // offsets into the text that was parsed

/** A UserError (src/common/result.ts) that always has a column. */
export interface ExprError {
  message: string; // 'unexpected ':'' , 'unknown function foo', 'unbalanced parenthesis'
  column: number; // 1-based, in the parsed text
  line?: number; // 1-based, when known in the document
  span?: Span;
}

/** A definition taken from the surrounding document and inlined. */
export interface Substitution {
  name: string;
  line: number;
  text: string;
  kind: 'assignment' | 'function' | 'value';
}

export interface Step {
  expression: string; // the subexpression, in the source syntax
  local: string; // its local derivative, in the source syntax
  unicode: string;
}

export interface DerivativeOut {
  source: string; // simplified, in the source's own syntax: (2*x*(w*x - y)).mean()
  unicode: string; // ∂L/∂w = mean(2·x·(w·x − y))
  latex: string;
  raw: string; // unsimplified, in the source syntax
  steps: Step[];
  /**
   * Present when there is no symbolic form to show (source, raw and latex are then empty, steps []):
   * why, in the user's words, e.g. for a vector parameter. The gradient's value still comes from autograd.
   */
  unsupported?: string;
}

export interface DeriveOptions {
  syntax?: Syntax; // detected from the text when absent
  wrt?: string[]; // explicit parameters
  /**
   * An explicit parameter the expression does not mention is an error ("q does not appear in the loss")
   * instead of a zero derivative: what a typed --wrt wants; the hover passes the document's names instead.
   */
  requireWrt?: boolean;
  /** The whole document the expression came from, to resolve names defined there. */
  context?: { text: string; languageId?: string; offset?: number };
  /** Values of names; merged over the literal values found in the context. */
  at?: Record<string, Numeric>;
  /**
   * 2-D values of names (rows of numbers), merged over the 2-D literals found in the context; a name given
   * in `at` too takes its `at` value. Kept apart from `at` so that `Numeric` stays number | number[].
   */
  matrices?: Record<string, number[][]>;
}

export interface DeriveResult {
  syntax: Syntax;
  expression: string; // the expression as parsed, in its source syntax
  parameters: string[];
  derivatives: Record<string, DerivativeOut>;
  /** `matrices`: the 2-D values used (absent when none), which `at` cannot hold. */
  values: null | {
    loss: Numeric;
    /** A matrix parameter's gradient is its rows (`[[1, 2], [3, 4]]`), the shape of the parameter. */
    grad: Record<string, GradientValue>;
    at: Record<string, Numeric>;
    matrices?: Record<string, number[][]>;
  };
  substitutions: Substitution[];
  warnings: string[]; // non-differentiable points, names treated as constants, ...
}

export type GradientVerdict =
  | { kind: 'match'; message: string; user: Numeric; autograd: Numeric }
  | { kind: 'ratio'; ratio: number; message: string; user: Numeric; autograd: Numeric } // e.g. 4x: sum vs mean
  | { kind: 'sign'; message: string; user: Numeric; autograd: Numeric }
  | { kind: 'wrong'; message: string; user: Numeric; autograd: Numeric };

export interface CheckOptions extends DeriveOptions {
  wrt?: string[];
}

/** A hand-written gradient function found in a document (for the CodeLens). */
export interface GradientDefinition {
  name: string;
  line: number;
  expression: string;
  lossName?: string;
}

// ---- The computation graph (computationGraph(): what the engine recorded, stepped forward and backward) ----

/** How many of a tensor's values a graph node carries (ValueSummary.values): enough to see a pattern. */
export const GRAPH_VALUES_SHOWN = 6;
/** A graph with more nodes than this is refused with a message: no one steps through it by hand. */
export const MAX_GRAPH_NODES = 2000;

/** A tensor's value as the graph shows it: its shape and its first values (all of them when few). */
export interface ValueSummary {
  shape: number[]; // [] for a scalar
  size: number; // number of elements
  values: number[]; // row-major, the first min(size, GRAPH_VALUES_SHOWN)
}

/** parameter: a leaf the loss is differentiated by; data: a named leaf that is not; constant: a literal. */
export type GraphNodeRole = 'parameter' | 'data' | 'constant' | 'op';

export interface GraphNode {
  id: string; // unique in its graph; inputs refer to it
  role: GraphNodeRole;
  /** The engine's op that made the tensor ('mul', 'sub', 'powScalar', 'mean', ...); null for a leaf. */
  op: string | null;
  /** What the node computes in the source's syntax: 'w', 'w*x', 'w*x - y', '(w*x - y)**2'. */
  label: string;
  data: ValueSummary;
  /** ∂L/∂(this node) after the whole backward pass; null for a node the gradient does not reach (data, constants). */
  grad: ValueSummary | null;
  /** Ids of the op's inputs, in the op's order; [] for a leaf. */
  inputs: string[];
  /** 1-based line of the document where the subexpression was written; null when not known. */
  line: number | null;
  /** The variable the document assigned this value to ('c' for `c += c + 1`), when it did. */
  name?: string;
}

/** Forward pass, one node at a time in topological order (leaves first): the node's data appears. */
export interface ForwardStep {
  node: string;
}

/**
 * Backward pass, one edge at a time in reverse topological order: the gradient that `from` sends back to
 * `node`, added to what `node` already had (a node used twice gets two steps: micrograd's +=).
 * The first step is the seed: node = the output, from = null, contribution 1.
 */
export interface BackwardStep {
  node: string;
  from: string | null;
  contribution: ValueSummary;
  total: ValueSummary; // ∂L/∂node so far, this step included
  /** The chain rule for this edge, with numbers: '∂L/∂(w·x) = ∂L/∂(w·x − y) · 1 = -6, -12, ...'. */
  text: string;
}

export interface ComputationGraph {
  expression: string; // the expression as written (after inlining, in the source's syntax)
  output: string; // id of the loss node
  nodes: GraphNode[]; // topological order: every node after its inputs
  forward: ForwardStep[];
  backward: BackwardStep[];
  /** Warnings the hover would show too (a value taken from before a loop, ...). */
  notes: string[];
}

/**
 * What a loss expression's prediction is, when the loss is recognisably a classification loss of it:
 * - `probability`: binary_cross_entropy(prediction, target), the label 1 where the prediction is > 0.5;
 * - `logit`: binary_cross_entropy_with_logits(prediction, target), or binary_cross_entropy(sigmoid(prediction), target),
 *   the label 1 where it is > 0;
 * - `hinge`: max(0, 1 - target*prediction) (np.maximum, torch.clamp(min=0), relu), labels -1 and 1, the label 1 where it is > 0.
 */
export type ClassifierOutput = 'probability' | 'logit' | 'hinge';
