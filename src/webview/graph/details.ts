// The details pane: everything about one node that a box has no room for: the full label, shape, every
// value the extension sent (expandable), how its grad accumulated, step by step, and a button that shows
// the line where it was written.
import type { GraphNode, ValueSummary } from '../../expr';
import { formatAllValues, formatShape, formatSummary, isScalar } from './format';
import type { NodeState } from './stepper';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A scalar is one line; an array its shape and first values, expanding to every value sent. */
function valueBlock(title: string, value: ValueSummary, className: string): HTMLElement {
  if (isScalar(value)) return el('p', `${title} ${formatSummary(value)}`, `value ${className}`);
  const block = el('details', undefined, `value ${className}`);
  block.append(el('summary', `${title} ${formatSummary(value)}`), el('pre', formatAllValues(value)));
  return block;
}

export function showDetails(
  pane: HTMLElement,
  node: GraphNode | null,
  state: NodeState | null,
  labelOf: (id: string) => string,
  reveal: (line: number) => void,
): void {
  pane.replaceChildren();
  if (!node || !state) {
    pane.append(el('p', 'Select a node or a step to see its values.', 'muted'));
    return;
  }
  pane.append(el('h2', node.label, 'details-label'));
  const kind = node.role === 'op' ? `op ${node.op ?? '?'}(${node.inputs.map(labelOf).join(', ')})` : node.role;
  const shape = node.data.shape.length === 0 ? 'scalar' : `shape ${formatShape(node.data.shape)}`;
  pane.append(el('p', `${kind} · ${shape}`, 'muted'));
  if (node.line !== null) {
    const button = el('button', `Show line ${node.line}`, 'secondary');
    button.id = 'reveal-line';
    const line = node.line;
    button.addEventListener('click', () => reveal(line));
    pane.append(button);
  }
  pane.append(
    state.data ? valueBlock('data', state.data, 'data') : el('p', 'data: not computed yet (step forward)', 'muted'),
  );
  if (state.grad) pane.append(valueBlock('grad', state.grad, 'grad'));
  else
    pane.append(
      el(
        'p',
        node.grad ? 'grad: not computed yet (step backward)' : 'grad: none (the gradient does not reach it)',
        'muted',
      ),
    );
  if (state.contributions.length > 0) {
    pane.append(el('h3', state.contributions.length > 1 ? 'grad accumulated (+=)' : 'grad'));
    const list = el('ol', undefined, 'contributions');
    for (const step of state.contributions) {
      const from = step.from === null ? 'seed' : `from ${labelOf(step.from)}`;
      list.append(el('li', `+= ${formatSummary(step.contribution)} ${from} → ${formatSummary(step.total)}`));
    }
    pane.append(list);
  }
}
