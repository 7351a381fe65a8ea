// The chain rule as backpropagation walks it: from the loss down to the parameter, each subexpression
// with its local derivative with respect to the child on the path (the engine visits them in this order).
import type { Step } from './types';
import { children, mapChildren, mentions, name, num, pow, type Node } from './tree/ast';
import { differentiate } from './calculus/differentiate';
import type { Dialect } from './syntax/dialects';
import type { PrintCache } from './print/printer';
import { lengthIn, printSource } from './print/source';
import { printUnicode } from './print/unicode';
import { arrayWitness, isArrayValued, type Shapes } from './shapes/arrayShapes';
import { simplify } from './simplify/simplify';

const MAX_STEPS = 40;
const HOLE = '__u';

function replaceChild(node: Node, target: Node, by: Node): Node {
  let done = false;
  return mapChildren(node, (c) => (!done && c === target ? ((done = true), by) : c));
}

function substituteHole(node: Node, by: Node): Node {
  if (node.kind === 'name' && node.name === HOLE) return by;
  return mapChildren(node, (c) => substituteHole(c, by));
}

/** d node / d child, with the child held as one symbol; mean's local derivative per element is 1/n. */
function localDerivative(node: Node, child: Node, shapes: Shapes, measure: (n: Node) => number): Node {
  const childIsArray = isArrayValued(child, shapes);
  if (node.kind === 'reduce' && node.op === 'mean' && childIsArray) {
    return { kind: 'mul', factors: [pow({ kind: 'len', arg: arrayWitness(child, shapes) ?? child }, num(-1))] };
  }
  if (node.kind === 'reduce' && node.op === 'sum' && childIsArray) return num(1);
  const holeShapes: Shapes = { isArray: (id) => (id === HOLE ? childIsArray : shapes.isArray(id)) };
  const raw = differentiate(replaceChild(node, child, name(HOLE)), HOLE, holeShapes) ?? num(0);
  const local = substituteHole(raw, child);
  return simplify(local, { shapes, measure, polynomial: false });
}

export function chainSteps(tree: Node, parameter: string, shapes: Shapes, dialect: Dialect): Step[] {
  const steps: Step[] = [];
  const cache: PrintCache = new Map();
  const unicodeCache: PrintCache = new Map();
  const measure = lengthIn(dialect);
  const stack: Node[] = [tree];
  while (stack.length && steps.length < MAX_STEPS) {
    const node = stack.pop() as Node;
    const path = children(node).filter((c) => mentions(c, parameter));
    for (const child of path) {
      if (steps.length >= MAX_STEPS) break;
      const local = localDerivative(node, child, shapes, measure);
      steps.push({
        expression: printSource(node, dialect, cache),
        local: printSource(local, dialect),
        unicode: `∂(${printUnicode(node, unicodeCache)})/∂(${printUnicode(child, unicodeCache)}) = ${printUnicode(local)}`,
      });
    }
    for (let i = path.length - 1; i >= 0; i--) stack.push(path[i]);
  }
  return steps;
}
