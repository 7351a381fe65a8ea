// The training log: the tutorial's table (`epoch 10: w = 1.665, loss = 1.16278565`), predictions, and
// notes (lines starting with '#'). Text only (textContent), capped so a long run cannot grow it forever.

const MAX_LINES = 5000;

export class LogView {
  private lines: string[] = [];

  constructor(private readonly el: HTMLElement) {}

  append(...lines: string[]): void {
    if (!lines.length) return;
    const atBottom = this.el.scrollTop + this.el.clientHeight >= this.el.scrollHeight - 4;
    this.lines.push(...lines);
    if (this.lines.length > MAX_LINES) {
      this.lines = this.lines.slice(-MAX_LINES);
      this.el.textContent = this.lines.join('\n') + '\n';
    } else {
      this.el.append(document.createTextNode(lines.join('\n') + '\n'));
    }
    // Follow the newest line unless the user scrolled up to read.
    if (atBottom) this.el.scrollTop = this.el.scrollHeight;
  }

  replace(lines: string[]): void {
    this.lines = lines.slice(-MAX_LINES);
    this.el.textContent = this.lines.length ? this.lines.join('\n') + '\n' : '';
  }

  get text(): string[] {
    return this.lines;
  }

  /** The last lines, for the saved state. */
  tail(count: number): string[] {
    return this.lines.slice(-count);
  }
}
