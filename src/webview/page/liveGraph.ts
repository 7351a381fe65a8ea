// The trainer's Graph button: asks the worker for the computation graph of the model and loss at the
// current parameters and hands it to the extension, which draws it in the graph panel. While that panel
// is open, the graph follows the run: redrawn after the parameters move, at most a few times a second,
// never queued behind itself, and once more at the end so the last epoch is the one shown.
import type { FromWebview } from '../../protocol/webviewMessages';
import type { FromWorker } from '../../protocol/workerMessages';

type GraphAnswer = Extract<FromWorker, { type: 'graph' | 'graphError' }>;

/** Between two graphs while training runs: the graph panel lays out and draws each one. */
const MIN_INTERVAL_MS = 300;

interface LiveGraphPorts {
  requestGraph(): void;
  post(message: FromWebview): void;
  notice(text: string): void;
  now(): number;
  later(fn: () => void, ms: number): void;
}

export class LiveGraph {
  private live = false;
  private waiting = false;
  private revealNext = false;
  private last = -Infinity;
  private trailing = false;

  constructor(private readonly ports: LiveGraphPorts) {}

  /** The Graph button: open (or bring forward) the graph panel on this run. */
  open(): void {
    this.live = true;
    this.revealNext = true;
    this.request();
  }

  /** The extension closed the graph panel, or it now shows an editor's graph. */
  stop(): void {
    this.live = false;
  }

  /** The parameters moved (epochs arrived, a step, a reset): redraw soon if the panel follows the run. */
  moved(): void {
    if (!this.live) return;
    const wait = this.last + MIN_INTERVAL_MS - this.ports.now();
    if (wait <= 0 && !this.waiting) this.request();
    else if (!this.trailing) {
      this.trailing = true;
      this.ports.later(
        () => {
          this.trailing = false;
          this.moved();
        },
        Math.max(wait, 50),
      );
    }
  }

  /** The worker's answer. */
  received(answer: GraphAnswer): void {
    this.waiting = false;
    if (!this.live) return;
    if (answer.type === 'graphError') {
      this.live = false;
      this.ports.notice(`No graph for this run: ${answer.message}`);
      return;
    }
    this.ports.post({ type: 'showGraph', epoch: answer.epoch, graph: answer.graph, reveal: this.revealNext });
    this.revealNext = false;
  }

  private request(): void {
    this.waiting = true;
    this.last = this.ports.now();
    this.ports.requestGraph();
  }
}
