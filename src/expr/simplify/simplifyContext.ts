// What every rewrite rule and the polynomial form may ask of a simplification pass: the shapes, what
// "shorter" means, the parameters. Its own module so the rules depend on it, not on the simplifier.
import type { Node } from '../tree/ast';
import type { Shapes } from '../shapes/arrayShapes';

export interface SimplifyContext {
  shapes: Shapes;
  /** Printed length in the output syntax: what "shorter" means. */
  measure: (node: Node) => number;
  /** The parameters, so a rebuilt sum lists the model's terms before the data's: sigmoid(w*x) - y. */
  parameters?: string[];
  /** Try the expanded-and-refactored form of sums and products (default true). */
  polynomial?: boolean;
}
