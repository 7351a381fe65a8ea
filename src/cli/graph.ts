// `autograd-lab graph "<expr>" [--context FILE] [--wrt a,b] [--at a=1,b=2] [--syntax ...] [--json]`: the
// computation graph the autograd engine records for a loss, its nodes in forward order and its backward
// steps edge by edge with the chain rule and the engine's numbers. --json prints the ComputationGraph.
import { computationGraph, formatValueSummary, type ComputationGraph, type ValueSummary } from '../expr';
import { caretBlock, ExprUsageError, expressionOptions } from './derive';
import { parseExprArgs } from './exprArgs';
import type { CliIo } from './io';
import { errorMessage } from '../common/result';

const graphHelp = `usage: autograd-lab graph "<expr>" [options]

  --context FILE             a file whose definitions and values the expression uses
  --wrt a,b                  parameters (default: requires_grad names, else w, b, theta, ..., else all)
  --at a=1,x=[1,2,3,4]       values of names (merged over the file's); every name needs one
  --syntax python|js|math    the expression's syntax (default: detected)
  --json                     the graph as JSON: {expression, output, nodes, forward, backward, notes}

Prints each node (id, op, label, shape, data, grad: scalars with 4 decimals as micrograd prints them),
then the forward pass in topological order and the backward pass edge by edge, with the chain rule.

example: autograd-lab graph "((w*x - y)**2).mean()" --at w=0,x=[1,2,3,4],y=[2,4,6,8]
         autograd-lab graph g --context samples/tutorial/micrograd_readme.py
`;

/** `-30.0000` for a scalar, `[4] [-2.0000, -4.0000, …]` for an array: its shape, then its first values. */
function formatValues(s: ValueSummary): string {
  return s.shape.length === 0 ? formatValueSummary(s) : `[${s.shape.join('×')}] ${formatValueSummary(s)}`;
}

function textReport(graph: ComputationGraph): string {
  const out: string[] = [`L = ${graph.expression}`, 'nodes:'];
  for (const n of graph.nodes) {
    const what = n.op ?? n.role;
    const name = n.name
      ? ` (${n.name}${n.line !== null ? `, line ${n.line}` : ''})`
      : n.line !== null
        ? ` (line ${n.line})`
        : '';
    const inputs = n.inputs.length ? ` <- ${n.inputs.join(', ')}` : '';
    out.push(`  ${n.id}  ${what}  ${n.label}${name}${inputs}`);
    out.push(`      data ${formatValues(n.data)}   grad ${n.grad ? formatValues(n.grad) : '-'}`);
  }
  out.push(`forward: ${graph.forward.map((s) => s.node).join(' -> ')}`, 'backward:');
  for (const s of graph.backward) out.push(`  ${s.node}${s.from ? ` <- ${s.from}` : ''}: ${s.text}`);
  for (const note of graph.notes) out.push(`note: ${note}`);
  return `${out.join('\n')}\n`;
}

export async function runGraph(args: string[], io: CliIo): Promise<number> {
  let json = false;
  try {
    const { values: flags, positionals } = parseExprArgs(args, {
      wrt: { type: 'string' },
      syntax: { type: 'string' },
      context: { type: 'string' },
      at: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (flags.help) {
      io.stdout(graphHelp);
      return 0;
    }
    json = flags.json ?? false;
    if (positionals.length !== 1)
      throw new ExprUsageError(
        `expected one expression in quotes, got ${positionals.length} (autograd-lab graph --help)`,
      );
    const text = positionals[0];
    const result = computationGraph(text, expressionOptions(flags, io));
    if (!result.ok) {
      if (json)
        io.stdout(`${JSON.stringify({ error: { message: result.error.message, column: result.error.column } })}\n`);
      else io.stderr(caretBlock('graph', result.error, text));
      return 1;
    }
    io.stdout(json ? `${JSON.stringify(result.value)}\n` : textReport(result.value));
    return 0;
  } catch (e) {
    const message = errorMessage(e);
    if (json) io.stdout(`${JSON.stringify({ error: { message, column: 0 } })}\n`);
    else io.stderr(`autograd-lab graph: ${message}\n`);
    return 1;
  }
}
