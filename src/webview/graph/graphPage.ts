// The computation graph page: takes a validated graph, lays it out, draws it, and keeps the graph, the step
// list and the details pane on the same step as the user steps with the buttons, the keyboard or by
// clicking a step or a node. Clicking a collapsed box expands it (a new layout); clicking a node selects it.
import type { ComputationGraph, GraphNode } from '../../expr';
import type { GraphVsCodeApi } from './graphApi';
import { showDetails } from './details';
import { graphView, LARGE_GRAPH, type GraphView } from './graphView';
import { layoutGraph, type GraphLayout } from './layout';
import { PanZoom } from './panZoom';
import { drawGraph, edgeKey, paint, type DrawnGraph } from './render';
import { StepList } from './stepList';
import { Stepper } from './stepper';
import { formatSummary } from './format';

/** Below this zoom the boxes' 12px text is too small to read. */
const READABLE_SCALE = 0.6;

function element<T extends Element = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the graph panel has no #${id}`);
  return el as unknown as T;
}

export class GraphPage {
  private graph: ComputationGraph | null = null;
  private stepper: Stepper | null = null;
  private nodes = new Map<string, GraphNode>();
  private view: GraphView | null = null;
  private layout: GraphLayout | null = null;
  private drawn: DrawnGraph | null = null;
  private steps: StepList | null = null;
  private readonly expanded = new Set<string>();
  private collapse = false;
  /** The node the user picked; when null, the details pane follows the current step's node. */
  private selected: string | null = null;
  private readonly panZoom: PanZoom;

  constructor(private readonly api: GraphVsCodeApi) {
    this.panZoom = new PanZoom(element<SVGSVGElement>('graph'), element<SVGGElement>('viewport'));
    const on = (id: string, action: () => void) => element(id).addEventListener('click', action);
    on('reset', () => this.move((s) => s.reset()));
    on('back', () => this.move((s) => s.previous()));
    on('step', () => this.move((s) => s.next()));
    on('run-forward', () => this.move((s) => s.runForward()));
    on('run-backward', () => this.move((s) => s.runBackward()));
    on('fit', () => this.fit());
    on('zoom-in', () => this.panZoom.zoomBy(1.25));
    on('zoom-out', () => this.panZoom.zoomBy(0.8));
    on('expand-all', () => this.relayout(false));
    on('collapse-all', () => {
      this.expanded.clear();
      this.relayout(true);
    });
    element('graph').addEventListener('click', (e) => this.onGraphClick(e));
    element('graph').addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') this.onGraphClick(e);
    });
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  show(graph: ComputationGraph): void {
    this.graph = graph;
    this.nodes = new Map(graph.nodes.map((n) => [n.id, n]));
    this.stepper = new Stepper(graph);
    this.selected = null;
    this.expanded.clear();
    element('banner').hidden = true;
    element('expression').textContent = graph.expression;
    const notes = element('notes');
    notes.replaceChildren(
      ...graph.notes.map((text) => Object.assign(document.createElement('li'), { textContent: text })),
    );
    notes.hidden = graph.notes.length === 0;
    this.steps = new StepList(element<HTMLOListElement>('steps'), graph, (position) =>
      this.move((s) => s.goTo(position)),
    );
    this.relayout(graph.nodes.length > LARGE_GRAPH);
  }

  showError(text: string): void {
    const banner = element('banner');
    banner.textContent = text;
    banner.hidden = false;
  }

  /** Collapses (or not), lays out, draws, fits: the one costly path, timed for the status line. */
  private relayout(collapse: boolean): void {
    if (!this.graph) return;
    const start = performance.now();
    this.collapse = collapse;
    this.view = graphView(this.graph, this.expanded, collapse);
    this.layout = layoutGraph(this.graph, this.view, this.panZoom.area());
    this.drawn = drawGraph(element<SVGGElement>('viewport'), this.graph, this.view, this.layout);
    this.render();
    this.initialView();
    const total = performance.now() - start;
    element('layout-time').textContent =
      `${this.graph.nodes.length} nodes in ${this.view.boxes.length} boxes, ${this.layout.direction === 'LR' ? 'left to right' : 'top-down'}: laid out in ${this.layout.layoutMs.toFixed(0)} ms, drawn in ${total.toFixed(0)} ms`;
    const hidden = element('hidden-count');
    hidden.textContent =
      this.view.hidden > 0
        ? `${this.view.hidden} of ${this.graph.nodes.length} nodes hidden in ${this.view.groups} collapsed boxes (click one to expand it)`
        : `${this.graph.nodes.length} nodes`;
    element('expand-all').hidden = this.view.hidden === 0;
    element('collapse-all').hidden = this.collapse || this.graph.nodes.length <= LARGE_GRAPH;
  }

  /**
   * The whole graph when its text stays readable at that scale; else readable text around the current
   * step's box (the loss's before the first step), with Fit and the hidden-node count for the overview.
   */
  private initialView(): void {
    if (!this.layout || !this.view || !this.graph) return;
    if (this.panZoom.fitScale(this.layout.width, this.layout.height) >= READABLE_SCALE) return this.fit();
    const box = this.currentBox() ?? (this.view.boxOf.get(this.graph.output) as string);
    const place = this.layout.boxes.get(box);
    if (place) this.panZoom.centreOn(place, READABLE_SCALE);
  }

  private fit(): void {
    if (this.layout) this.panZoom.fit(this.layout.width, this.layout.height);
  }

  private move(action: (stepper: Stepper) => void): void {
    if (!this.stepper) return;
    action(this.stepper);
    this.selected = null;
    this.render();
    const box = this.currentBox();
    const place = box ? this.layout?.boxes.get(box) : undefined;
    if (place) this.panZoom.reveal(place);
  }

  private currentBox(): string | null {
    const node = this.stepper?.currentNode;
    return node ? (this.view?.boxOf.get(node) ?? null) : null;
  }

  /** Paints the graph, the list, the details and the position for the stepper's cursor. */
  private render(): void {
    const { graph, stepper, view, drawn } = this;
    if (!graph || !stepper || !view || !drawn) return;
    const states = stepper.allStates();
    const current = stepper.current;
    let currentEdge: string | null = null;
    let currentContribution = '';
    if (current?.pass === 'backward') {
      const step = graph.backward[current.index];
      if (step.from !== null) {
        currentEdge = edgeKey(view.boxOf.get(step.node) as string, view.boxOf.get(step.from) as string);
        currentContribution = formatSummary(step.contribution);
      }
    }
    const focus = this.selected ?? stepper.currentNode;
    paint(drawn, graph, states, view, {
      currentBox: this.currentBox(),
      outputBox: view.boxOf.get(graph.output) as string,
      currentEdge,
      currentContribution,
      selectedBox: this.selected ? (view.boxOf.get(this.selected) ?? null) : null,
    });
    this.steps?.show(stepper.cursor);
    const f = graph.forward.length;
    element('position').textContent =
      stepper.cursor === 0
        ? `ready: ${f} forward and ${graph.backward.length} backward steps`
        : current?.pass === 'forward'
          ? `forward ${stepper.forwardDone} of ${f}`
          : `backward ${stepper.backwardDone} of ${graph.backward.length}`;
    showDetails(
      element('details'),
      focus ? (this.nodes.get(focus) ?? null) : null,
      focus ? (states.get(focus) ?? null) : null,
      (id) => this.nodes.get(id)?.label ?? id,
      (line) => this.api.postMessage({ type: 'reveal', line }),
    );
  }

  private onGraphClick(e: Event): void {
    const target = (e.target as Element).closest<SVGGElement>('.box');
    const id = target?.dataset.box;
    const box = id ? this.view?.boxes.find((b) => b.id === id) : undefined;
    if (!box || !this.stepper) return;
    e.preventDefault();
    if (box.members.length > 1) {
      this.expanded.add(box.id);
      this.relayout(this.collapse);
      return;
    }
    const step = this.stepper.stepForNode(box.shown);
    if (step) this.stepper.goTo(this.stepper.positionOf(step) + 1);
    this.selected = box.shown;
    this.render();
    target?.focus();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if ((e.target as Element).closest('input, textarea, select')) return;
    const actions: Record<string, () => void> = {
      ArrowRight: () => this.move((s) => s.next()),
      ArrowLeft: () => this.move((s) => s.previous()),
      Home: () => this.move((s) => s.reset()),
      End: () => this.move((s) => s.runBackward()),
      '+': () => this.panZoom.zoomBy(1.25),
      '=': () => this.panZoom.zoomBy(1.25),
      '-': () => this.panZoom.zoomBy(0.8),
      '0': () => this.fit(),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }
}
