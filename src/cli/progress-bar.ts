/**
 * A progress bar with counts and rate. On a terminal it redraws one line; elsewhere (CI, logs) it
 * prints a line at most every 10% so the output stays readable.
 */
export class ProgressBar {
  private startedAt = performance.now();
  private lastPrintedDecile = -1;
  private finished = false;

  constructor(
    private readonly label: string,
    private readonly unit: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
  ) {}

  update(done: number, total: number): void {
    if (this.finished) return;
    const line = this.render(done, total);
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\x1b[K`);
    } else {
      const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (decile === this.lastPrintedDecile) return;
      this.lastPrintedDecile = decile;
      this.stream.write(`${line}\n`);
    }
    if (done >= total) {
      this.finished = true;
      if (this.stream.isTTY) this.stream.write('\n');
    }
  }

  render(done: number, total: number): string {
    const ratio = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(ratio * this.width);
    const seconds = Math.max((performance.now() - this.startedAt) / 1000, 1e-3);
    const rate = done / seconds;
    const remaining = rate > 0 ? (total - done) / rate : 0;
    return (
      `${this.label} [${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ` +
      `${done}/${total} ${this.unit} · ${rate.toFixed(1)} ${this.unit}/s · ${seconds.toFixed(1)} s` +
      (done < total && done > 0 ? ` · ~${remaining.toFixed(0)} s left` : '')
    );
  }
}
