// Recent hover latencies, for the log and the VS Code suite's measurement.
export class Timings {
  private readonly recent: number[] = [];
  constructor(private readonly keep = 200) {}

  record(ms: number): void {
    this.recent.push(ms);
    if (this.recent.length > this.keep) this.recent.shift();
  }

  all(): number[] {
    return [...this.recent];
  }
}
