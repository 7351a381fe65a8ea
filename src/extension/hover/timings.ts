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

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
