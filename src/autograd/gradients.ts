// The gradient table, checked whole at compile time. Each ops/ module keeps its rows beside its forward
// code; this file only proves that together they cover every op in OpAttrs: an op added without a
// backward rule makes `everyOpHasAGradientRule` fail to type-check, naming the op.
import type { OpName } from './graph';
import type { arithmeticGradients, powScalarGradient } from './ops/arithmetic';
import type { bceGradients } from './ops/bceLoss';
import type { elementwiseGradients } from './ops/elementwise';
import type { linalgGradients } from './ops/linalg';
import type { lossGradients } from './ops/loss';
import type { reduceGradients } from './ops/reduce';
import type { reshapeGradients } from './ops/reshape';
import type { selectGradients } from './ops/select';

type OpsWithRules =
  | keyof typeof arithmeticGradients
  | keyof typeof powScalarGradient
  | keyof typeof elementwiseGradients
  | keyof typeof linalgGradients
  | keyof typeof lossGradients
  | keyof typeof bceGradients
  | keyof typeof reduceGradients
  | keyof typeof reshapeGradients
  | keyof typeof selectGradients;

type OpsWithoutRules = Exclude<OpName, OpsWithRules>;

export const everyOpHasAGradientRule: [OpsWithoutRules] extends [never] ? true : { missingRuleFor: OpsWithoutRules } =
  true;
