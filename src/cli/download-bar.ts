const MB = 1_000_000;

/** Bytes in MB from 1 MB on, in kB below, one decimal. */
function bytesUnit(reference: number): { unit: string; show: (bytes: number) => string } {
  const [unit, unitBytes] = reference >= MB ? ['MB', MB] : ['kB', 1_000];
  return { unit, show: (bytes) => (bytes / unitBytes).toFixed(1) };
}

/** A byte count and its rate, e.g. `5.0 kB à 1.2 kB/s`; without a rate (null) until there is one to measure. */
function bytesAndRate(bytes: number, perSecond: number | null): string {
  const { unit, show } = bytesUnit(bytes);
  return `${show(bytes)} ${unit}${perSecond === null ? '' : ` à ${show(perSecond)} ${unit}/s`}`;
}

interface DownloadedFile {
  loaded: number;
  /** Null while the size is unknown. */
  total: number | null;
  /** When the file was first reported, and the bytes it had then (which came in before: not counted in rates). */
  startedAt: number;
  loadedAtStart: number;
}

/**
 * One line for all the model files downloading at once (transformers.js fetches several in
 * parallel): the bytes received over the sizes known so far, the rate and the number of files.
 * A file of unknown size (no Content-Length) shows its own byte count and rate instead, and keeps
 * the line from looking finished until it is complete. On a terminal the line is redrawn in place;
 * elsewhere (CI, logs) a line is printed at most every 10% of the known bytes, when a file
 * appears, and as unknown-size files double (from 1 MB on). Rates count the bytes received since
 * the first report (not the first chunk, which came in an unknown time).
 * `finish` ends the line: call it before anything else is written to the stream.
 */
export class DownloadBar {
  private readonly files = new Map<string, DownloadedFile>();
  /** When the first file was first reported, and its bytes then (not counted in the rate). */
  private start: { at: number; loaded: number } | null = null;
  private finished = false;
  /** Not on a terminal: what the last printed line showed (`printKey`, `state`). */
  private lastPrinted: { key: string; state: string } | null = null;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 28,
    /** Milliseconds, for rates. */
    private readonly now: () => number = () => performance.now(),
    private readonly label = 'Téléchargement du modèle',
  ) {}

  /** `total` is null while the file's size is unknown. */
  update(file: string, loaded: number, total: number | null): void {
    if (this.finished) return;
    const entry = this.entry(file, loaded);
    entry.loaded = loaded;
    entry.total = total === null ? null : Math.max(total, loaded);
    this.draw();
  }

  /** The file is complete: `loaded` is its size. */
  fileDone(file: string, loaded: number): void {
    if (this.finished) return;
    Object.assign(this.entry(file, loaded), { loaded, total: loaded });
    this.draw();
  }

  /** Ends the line (with ` · interrompu` if the download failed); later updates are ignored. */
  finish(failed = false): void {
    if (this.finished) return;
    this.finished = true;
    if (this.files.size === 0) return;
    const line = this.render() + (failed ? ' · interrompu' : '');
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\x1b[K\n`);
    } else if (failed || this.lastPrinted?.state !== this.state()) {
      this.stream.write(`${line}\n`);
    }
  }

  render(): string {
    const now = this.now();
    const elapsed = (since: number) => Math.max((now - since) / 1000, 1e-3);
    const files = [...this.files.entries()];
    const sized = files.filter(([, file]) => file.total !== null).map(([, file]) => file);
    const unsized = files.filter(([, file]) => file.total === null);
    const loaded = files.reduce((sum, [, file]) => sum + file.loaded, 0);
    const sizedLoaded = sized.reduce((sum, file) => sum + file.loaded, 0);
    const sizedTotal = sized.reduce((sum, file) => sum + (file.total ?? 0), 0);
    const { unit, show } = bytesUnit(Math.max(sizedTotal, loaded));
    const parts: string[] = [];
    if (sized.length > 0) {
      // An unknown-size file still downloading: the bar never looks full.
      const ratio = sizedTotal === 0 ? 1 : Math.min(1, sizedLoaded / sizedTotal);
      const filled = Math.min(Math.round(ratio * this.width), unsized.length > 0 ? this.width - 1 : this.width);
      parts.push(`${this.label} [${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}] ${show(sizedLoaded)}/${show(sizedTotal)} ${unit}`);
    } else {
      parts.push(`${this.label} ${show(loaded)} ${unit}`);
    }
    const start = this.start ?? { at: now, loaded };
    parts.push(`${show((loaded - start.loaded) / elapsed(start.at))} ${unit}/s`);
    parts.push(`${files.length} ${files.length > 1 ? 'fichiers' : 'fichier'}`);
    for (const [name, file] of unsized) {
      const since = file.loaded - file.loadedAtStart;
      parts.push(`${name} ${bytesAndRate(file.loaded, since > 0 ? since / elapsed(file.startedAt) : null)}`);
    }
    return parts.join(' · ');
  }

  private entry(file: string, loaded: number): DownloadedFile {
    const now = this.now();
    this.start ??= { at: now, loaded };
    let entry = this.files.get(file);
    if (!entry) {
      entry = { loaded, total: null, startedAt: now, loadedAtStart: loaded };
      this.files.set(file, entry);
    }
    return entry;
  }

  private draw(): void {
    if (this.stream.isTTY) {
      this.stream.write(`\r${this.render()}\x1b[K`);
      return;
    }
    const key = this.printKey();
    if (key === this.lastPrinted?.key) return;
    this.lastPrinted = { key, state: this.state() };
    this.stream.write(`${this.render()}\n`);
  }

  /** Every file's bytes and size. */
  private state(): string {
    return [...this.files].map(([name, file]) => `${name}:${file.loaded}/${file.total ?? '?'}`).join(',');
  }

  /** Not on a terminal, a line is printed each time this changes. */
  private printKey(): string {
    let sizedLoaded = 0;
    let sizedTotal = 0;
    let unsizedSteps = 0;
    for (const file of this.files.values()) {
      if (file.total === null) {
        unsizedSteps += file.loaded < MB ? 0 : Math.floor(Math.log2(file.loaded / MB)) + 1;
      } else {
        sizedLoaded += file.loaded;
        sizedTotal += file.total;
      }
    }
    const decile = sizedTotal === 0 ? '-' : String(Math.floor(Math.min(1, sizedLoaded / sizedTotal) * 10));
    return `${this.files.size}|${decile}|${unsizedSteps}`;
  }
}
