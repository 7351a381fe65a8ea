// The steps as text, in the order the stepper takes them: the forward pass (each node's value) and the
// backward pass (each edge's chain rule, as the core wrote it). The current step is marked and scrolled
// into view; clicking a step moves the stepper there, so the list and the graph show the same step.
import type { ComputationGraph } from '../../expr';
import { formatSummary } from './format';

export class StepList {
  private readonly items: HTMLLIElement[] = [];

  constructor(list: HTMLOListElement, graph: ComputationGraph, onSelect: (position: number) => void) {
    const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    const rows = [
      ...graph.forward.map((step) => {
        const node = nodes.get(step.node);
        const what = node?.role === 'op' ? (node.op ?? 'op') : (node?.role ?? '');
        return { pass: 'forward', text: `${node?.label ?? step.node} = ${node ? formatSummary(node.data) : ''}`, what };
      }),
      ...graph.backward.map((step) => {
        const node = nodes.get(step.node);
        const what = step.from === null ? 'seed' : node?.role === 'op' ? (node.op ?? 'op') : (node?.role ?? '');
        return { pass: 'backward', text: step.text, what };
      }),
    ];
    list.replaceChildren();
    rows.forEach((row, position) => {
      const item = document.createElement('li');
      item.className = `step ${row.pass}`;
      item.dataset.position = String(position + 1); // the cursor after this step
      item.tabIndex = -1;
      const pass = document.createElement('span');
      pass.className = 'pass';
      pass.textContent = `${row.pass === 'forward' ? '→' : '←'} ${row.what}`;
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = row.text;
      item.append(pass, text);
      item.addEventListener('click', () => onSelect(position + 1));
      list.append(item);
      this.items.push(item);
    });
  }

  /** Marks the steps done and the current one (the last done). */
  show(cursor: number): void {
    this.items.forEach((item, i) => {
      item.classList.toggle('done', i < cursor);
      const current = i === cursor - 1;
      item.classList.toggle('current', current);
      if (current) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    });
    this.items[cursor - 1]?.scrollIntoView({ block: 'nearest' });
  }
}
