import type { BuildPhase, BuildProgressListener } from '../index/build-index.js';
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
