import type { AppConfig } from '../config.js';
import type { DownloadProgressListener } from '../embedding/load-embedder.js';
import { openEngine, type Engine } from '../engine.js';
import { directorySize, formatBytes } from './directory-size.js';
import { ProgressBar, type ProgressFormat } from './progress-bar.js';
import { progressReporter } from './progress-reporter.js';

/** Opens the engine for a command, telling the user on standard error what happens and why. */
export async function openEngineWithProgress(config: AppConfig, forceRebuild = false): Promise<Engine> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const engine = await openEngine(config, {
    forceRebuild,
    log: say,
    onProgress: progressReporter(),
    onDownloadProgress: downloadReporter(),
  });
  const { manifest } = engine.index;
  const size = formatBytes(await directorySize(engine.index.dir));
  if (engine.indexReport.rebuilt) {
    say(
      `Index built (${engine.indexReport.reason}): ${manifest.counts.articles} articles, ${manifest.counts.passages} passages, ` +
        `${manifest.counts.embedded} embedded, ${manifest.counts.reused} reused, ${manifest.buildMs} ms, ${size} on disk.`,
    );
  } else {
    say(`Index loaded: ${manifest.counts.articles} articles, ${manifest.counts.passages} passages, ${size} on disk (${engine.indexReport.reason}).`);
  }
  say(
    engine.embeddings
      ? `Retrieval: hybrid (semantic with ${engine.model.id}, ${engine.model.dimensions} dimensions, + lexical BM25).`
      : 'Retrieval: lexical only (BM25). /health reports the model status.',
  );
  return engine;
}

/** Bytes shown in MB (kB for files under 1 MB), one decimal. */
function bytesIn(unitBytes: number): ProgressFormat {
  const show = (bytes: number) => (bytes / unitBytes).toFixed(1);
  return { count: show, rate: show };
}

/** One progress bar per model file downloaded from the hub (first start only), on standard error. */
function downloadReporter(stream: NodeJS.WriteStream = process.stderr): DownloadProgressListener {
  const bars = new Map<string, ProgressBar | null>();
  return ({ file, loaded, total }) => {
    if (!bars.has(file)) {
      if (total === 0) stream.write(`Téléchargement ${file} (taille inconnue)…\n`);
      const [unit, unitBytes] = total >= 1_000_000 ? ['MB', 1_000_000] : ['kB', 1_000];
      bars.set(file, total === 0 ? null : new ProgressBar(`Téléchargement ${file}`, unit, stream, undefined, bytesIn(unitBytes)));
    }
    bars.get(file)?.update(loaded, total);
  };
}
