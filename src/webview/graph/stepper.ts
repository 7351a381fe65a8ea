// The stepper: where the user is in the two passes, and what each node shows there. Pure (no DOM), so
// its rules are unit-tested: the forward steps come first, then the backward steps; a cursor of k means
// the first k steps are done. A node's data appears at its forward step (a node without one, such as a
// leaf the core did not list, shows its data from the start); its grad appears at its first backward
// step and grows at each later one (micrograd's +=).
import type { BackwardStep, ComputationGraph, ValueSummary } from '../../expr';

export type StepRef = { pass: 'forward'; index: number } | { pass: 'backward'; index: number };

export interface NodeState {
  data: ValueSummary | null; // null until the forward pass reaches the node
  grad: ValueSummary | null; // the running total, null until a backward step reaches the node
  /** The backward steps done so far that added to this node's grad, in order. */
  contributions: BackwardStep[];
}

export class Stepper {
  private cursorAt = 0;
  private readonly forwardIndex = new Map<string, number>();

  constructor(readonly graph: ComputationGraph) {
    graph.forward.forEach((step, i) => this.forwardIndex.set(step.node, i));
  }

  get cursor(): number {
    return this.cursorAt;
  }
  get stepCount(): number {
    return this.graph.forward.length + this.graph.backward.length;
  }
  get forwardDone(): number {
    return Math.min(this.cursorAt, this.graph.forward.length);
  }
  get backwardDone(): number {
    return Math.max(0, this.cursorAt - this.graph.forward.length);
  }

  /** Moves to cursor k (clamped to the steps there are). */
  goTo(k: number): void {
    this.cursorAt = Math.max(0, Math.min(this.stepCount, Math.trunc(k)));
  }
  next(): void {
    this.goTo(this.cursorAt + 1);
  }
  previous(): void {
    this.goTo(this.cursorAt - 1);
  }
  reset(): void {
    this.goTo(0);
  }
  /** The forward pass to its end (from before it); from within the backward pass, back to its start. */
  runForward(): void {
    this.goTo(this.graph.forward.length);
  }
  runBackward(): void {
    this.goTo(this.stepCount);
  }

  /** The step a position in the combined list stands for. */
  stepAt(position: number): StepRef {
    const f = this.graph.forward.length;
    return position < f ? { pass: 'forward', index: position } : { pass: 'backward', index: position - f };
  }
  positionOf(step: StepRef): number {
    return step.pass === 'forward' ? step.index : this.graph.forward.length + step.index;
  }
  /** The step just done (the one the graph and the list highlight), or null before the first. */
  get current(): StepRef | null {
    return this.cursorAt === 0 ? null : this.stepAt(this.cursorAt - 1);
  }
  /** The node the current step is about. */
  get currentNode(): string | null {
    const step = this.current;
    if (!step) return null;
    return step.pass === 'forward' ? this.graph.forward[step.index].node : this.graph.backward[step.index].node;
  }

  nodeState(id: string): NodeState {
    const state = this.allStates().get(id);
    if (!state) throw new Error(`no node '${id}' in the graph`);
    return state;
  }

  /** Every node's state at the cursor, in one pass over the steps (what a redraw needs). */
  allStates(): Map<string, NodeState> {
    const states = new Map<string, NodeState>();
    const forwardDone = this.forwardDone;
    for (const node of this.graph.nodes) {
      const at = this.forwardIndex.get(node.id);
      const data = at === undefined || at < forwardDone ? node.data : null;
      states.set(node.id, { data, grad: null, contributions: [] });
    }
    for (const step of this.graph.backward.slice(0, this.backwardDone)) {
      const state = states.get(step.node);
      if (!state) continue;
      state.contributions.push(step);
      state.grad = step.total;
    }
    return states;
  }

  /** The step where the user most likely wants to see this node: its forward step in the forward pass, else
   * its latest backward step done (or its first one ahead). Null when no step is about it. */
  stepForNode(id: string): StepRef | null {
    const f = this.forwardIndex.get(id);
    const inForward = this.cursorAt <= this.graph.forward.length;
    const backward = this.graph.backward.map((s, i) => (s.node === id ? i : -1)).filter((i) => i >= 0);
    if (inForward || backward.length === 0) {
      if (f !== undefined) return { pass: 'forward', index: f };
      return backward.length > 0 ? { pass: 'backward', index: backward[0] } : null;
    }
    const done = backward.filter((i) => i < this.backwardDone);
    return { pass: 'backward', index: done.length > 0 ? done[done.length - 1] : backward[0] };
  }
}
