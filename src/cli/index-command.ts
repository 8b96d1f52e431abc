import type { AppConfig } from '../config.js';
import { corpusListing } from '../corpus/index.js';
import { modelFileFingerprint } from '../embedding/index.js';
import { upToDateWithoutModel } from '../index/index.js';
import { directorySize, formatBytes } from './directory-size.js';

export async function indexCommand(config: AppConfig, options: { force?: boolean }): Promise<void> {
  if (config.store.kind === 'postgres') {
    const { openEngineWithProgress } = await import('./open-engine-with-progress.js');
    const engine = await openEngineWithProgress(config, options.force ?? false, { syncCorpus: true });
    await engine.close();
    return;
  }
  if (!options.force) {
    // Nothing changed: say so without loading the model.
    const listing = await corpusListing(config.corpusDir, { allowHardLinks: config.corpusAllowHardLinks }).catch(() => null);
    const current = listing
      ? await upToDateWithoutModel({
          indexDir: config.indexDir,
          listing,
          chunking: config.chunking,
          model: { id: config.embedding.modelId, dtype: config.embedding.dtype, passagePrefix: config.embedding.passagePrefix, fileFingerprint: await modelFileFingerprint(config.embedding) },
        })
      : null;
    if (current) {
      for (const skip of current.skipped) process.stderr.write(`skipped ${skip.source}: ${skip.reason}\n`);
      const { counts } = current.manifest;
      process.stderr.write(`Index up to date: ${counts.articles} articles, ${counts.passages} passages, ${formatBytes(await directorySize(current.dir))} on disk (nothing changed in ${config.corpusDir}).\n`);
      // Only an index built with these very model files takes this path: it is a hybrid one.
      const model = current.manifest.model;
      if (model) process.stderr.write(`Retrieval: hybrid (semantic with ${model.id}, ${model.dimensions} dimensions, + lexical BM25).\n`);
      return;
    }
  }
  const { openEngineWithProgress } = await import('./open-engine-with-progress.js');
  await openEngineWithProgress(config, options.force ?? false);
}
