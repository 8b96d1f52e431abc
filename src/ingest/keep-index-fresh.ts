import type { Engine } from '../engine.js';
import { watchCorpus } from './corpus-watcher.js';
import { startFeedPolling } from './feed-poller.js';

/**
 * While serving: polls FEEDS and watches CORPUS_DIR (WATCH_CORPUS), and brings the index up to
 * date after each change, one refresh at a time. Requests already running finish on the index
 * they started with; /health says `stale` or `refreshing` until the new one is served.
 */
export function keepIndexFresh(engine: Engine, say: (line: string) => void): { stop: () => void } {
  const { config } = engine;
  const refresh = async () => {
    const before = engine.store.contentVersion();
    await engine.refresher.request();
    if (engine.store.contentVersion() !== before) say(`index updated: ${(await engine.store.describe()).articles} articles (${engine.indexReport.reason})`);
    else if (engine.refresher.lastError) say(`the index could not be brought up to date: ${engine.refresher.lastError}`);
  };
  const feeds = config.feeds.urls.length > 0 ? startFeedPolling(config, refresh, say) : null;
  if (feeds) say(`Polling ${config.feeds.urls.length} feed(s) every ${config.feeds.intervalMinutes} min (FEEDS).`);
  // A database served as it was found is brought up to date with this server's corpus folder once, in the background.
  if (engine.store.kind === 'postgres' && config.watchCorpus && !engine.indexReport.rebuilt) void refresh();
  const watcher = config.watchCorpus ? watchCorpus(config.corpusDir, { seen: () => engine.refresher.markStale(), settled: () => void refresh() }, say) : null;
  if (watcher) say(`Watching ${config.corpusDir} for changed articles (WATCH_CORPUS).`);
  return {
    stop: () => {
      feeds?.stop();
      watcher?.stop();
    },
  };
}
