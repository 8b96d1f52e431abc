import type { DownloadProgressListener } from '../embedding/index.js';
import type { BuildPhase, BuildProgressListener } from '../index/index.js';
import { DownloadBar } from './download-bar.js';
import { ProgressBar } from './progress-bar.js';

const PHASE_LABELS: Record<BuildPhase, { label: string; unit: string }> = {
  chunking: { label: 'Découpage  ', unit: 'articles' },
  embedding: { label: 'Vectorisation', unit: 'passages' },
};

/** One progress bar per indexing phase, on standard error. */
export function progressReporter(stream: NodeJS.WriteStream = process.stderr): BuildProgressListener {
  const bars = new Map<BuildPhase, ProgressBar>();
  return (phase, done, total) => {
    let bar = bars.get(phase);
    if (!bar) {
      bar = new ProgressBar(PHASE_LABELS[phase].label, PHASE_LABELS[phase].unit, stream);
      bars.set(phase, bar);
    }
    bar.update(done, total);
  };
}

/**
 * One bar for all the model files downloaded from the hub (first start only), on standard error.
 * The loader's `end` event ends its line, before the loader returns and anything else is written.
 */
export function downloadReporter(stream: NodeJS.WriteStream = process.stderr, now?: () => number): DownloadProgressListener {
  const bar = new DownloadBar(stream, undefined, now);
  return (event) => {
    if (event.kind === 'progress') bar.update(event.file, event.loaded, event.total);
    else if (event.kind === 'done') bar.fileDone(event.file, event.loaded);
    else bar.finish(!event.ok);
  };
}
