import type { AppConfig } from '../config.js';
import { openEngine, type Engine, type OpenEngineOptions } from '../engine.js';
import { EmbeddedStore } from '../index/index.js';
import { directorySize, formatBytes } from './directory-size.js';
import { downloadReporter, progressReporter } from './progress-reporter.js';

/** Opens the engine for a command, telling the user on standard error what happens and why. */
export async function openEngineWithProgress(config: AppConfig, forceRebuild = false, extra: Pick<OpenEngineOptions, 'syncCorpus'> = {}): Promise<Engine> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const engine = await openEngine(config, {
    ...extra,
    forceRebuild,
    log: say,
    onProgress: progressReporter(),
    onDownloadProgress: downloadReporter(),
  });
  if (engine.store instanceof EmbeddedStore) await describeEmbedded(engine, engine.store, say);
  else {
    const stored = await engine.store.describe();
    say(`Index in PostgreSQL (${engine.indexReport.reason}): ${stored.articles} articles, ${stored.passages} passages.`);
  }
  say(
    engine.embeddings
      ? `Retrieval: hybrid (semantic with ${engine.model.id}, ${engine.model.dimensions} dimensions, + lexical BM25).`
      : 'Retrieval: lexical only (BM25). /health reports the model status.',
  );
  return engine;
}

async function describeEmbedded(engine: Engine, store: EmbeddedStore, say: (line: string) => void): Promise<void> {
  const { manifest } = store.index;
  const size = formatBytes(await directorySize(store.index.dir));
  if (engine.indexReport.rebuilt) {
    say(
      `Index built (${engine.indexReport.reason}): ${manifest.counts.articles} articles, ${manifest.counts.passages} passages, ` +
        `${manifest.counts.embedded} embedded, ${manifest.counts.reused} reused, ${manifest.buildMs} ms, ${size} on disk.`,
    );
  } else {
    say(`Index loaded: ${manifest.counts.articles} articles, ${manifest.counts.passages} passages, ${size} on disk (${engine.indexReport.reason}).`);
  }
}
