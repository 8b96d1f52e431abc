import type { AppConfig } from '../config.js';
import { loadFeedState, saveFeedState } from './feed-state.js';
import { pollFeed } from './poll-feed.js';

export interface FeedPoller {
  /** One poll of every feed now; resolves with how many articles were added or updated. */
  pollNow(): Promise<number>;
  stop(): void;
}

/**
 * Polls the FEEDS every FEEDS_INTERVAL_MINUTES (and once at start), adds their new entries to the
 * corpus and calls `onChanged` (the server brings its index up to date) when any article was added
 * or updated. Polls never overlap; a feed that fails is logged and tried again at the next poll.
 */
export function startFeedPolling(config: AppConfig, onChanged: () => Promise<void>, log: (line: string) => void): FeedPoller {
  let running: Promise<number> | null = null;
  const pollNow = (): Promise<number> => {
    running ??= pollAll().finally(() => {
      running = null;
    });
    return running;
  };
  const pollAll = async (): Promise<number> => {
    const state = await loadFeedState(config.indexDir);
    let changed = 0;
    for (const feed of config.feeds.urls) {
      try {
        const poll = await pollFeed(feed, config.corpusDir, config.fetch, state);
        for (const failure of poll.failed) log(`feed ${feed}: could not add ${failure.url}: ${failure.reason}`);
        const fresh = poll.stored.filter((article) => article.status !== 'unchanged');
        if (fresh.length > 0) log(`feed ${feed}: ${fresh.length} new or updated articles (${fresh.map((article) => article.source).join(', ')})`);
        changed += fresh.length;
      } catch (error) {
        log(`feed ${feed}: ${error instanceof Error ? error.message : String(error)}; tried again in ${config.feeds.intervalMinutes} min`);
      }
    }
    await saveFeedState(config.indexDir, state);
    if (changed > 0) await onChanged();
    return changed;
  };
  const timer = setInterval(() => void pollNow().catch((error: unknown) => log(`feed poll failed: ${String(error)}`)), config.feeds.intervalMinutes * 60_000);
  timer.unref();
  void pollNow().catch((error: unknown) => log(`feed poll failed: ${String(error)}`));
  return { pollNow, stop: () => clearInterval(timer) };
}
