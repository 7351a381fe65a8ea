// The expression engine (src/expr) is loaded on first use, not at activation: esbuild turns the dynamic
// import into a lazily initialised module, so activating the extension costs only the wiring.
import type { Result } from '../common/result';
import type {
  BoundValues,
  CheckOptions,
  ComputationGraph,
  DeriveOptions,
  DeriveResult,
  GradientDefinition,
  GradientVerdict,
  ExprError,
  Span,
} from '../expr';

/** The part of src/expr (its index) the extension uses. */
export interface ExprEngine {
  derive(text: string, options?: DeriveOptions): Result<DeriveResult, ExprError>;
  checkGradient(lossText: string, gradientText: string, options?: CheckOptions): Result<GradientVerdict, ExprError>;
  findLossStatement(documentText: string, offset: number): { text: string; span: Span } | null;
  findGraphTarget(documentText: string, offset: number): { text: string; span: Span } | null;
  computationGraph(text: string, options?: DeriveOptions): Result<ComputationGraph, ExprError>;
  findGradientDefinitions(documentText: string): GradientDefinition[];
  boundValues(documentText: string, languageId?: string): BoundValues;
}

let loading: Promise<ExprEngine> | undefined;
let loaded: ExprEngine | undefined;

export function loadExprEngine(): Promise<ExprEngine> {
  loading ??= import('../expr').then((api) => {
    const engine: ExprEngine = api; // fails to compile if src/expr drifts from the contract
    loaded = engine;
    return engine;
  });
  return loading;
}

/** The engine if a previous call loaded it, so warm paths stay synchronous. */
export function exprEngineIfLoaded(): ExprEngine | undefined {
  return loaded;
}
