import { mkdir } from 'node:fs/promises';
import type { AppConfig } from '../config.js';
import { addArticleFromUrl } from '../ingest/index.js';
import { loadFeedState, saveFeedState } from '../ingest/index.js';
import { pollFeed } from '../ingest/index.js';
import type { StoredArticle } from '../ingest/index.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

/** npm run add -- <url…> [--feed]: fetches pages (or feeds' new entries) into corpus/, then brings the index up to date. */
export async function addCommand(config: AppConfig, urls: readonly string[], options: { feed: boolean }): Promise<void> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  await mkdir(config.corpusDir, { recursive: true });
  const stored: StoredArticle[] = [];
  let failures = 0;
  const state = options.feed ? await loadFeedState(config.indexDir) : null;
  for (const url of urls) {
    try {
      if (state) {
        const poll = await pollFeed(url, config.corpusDir, config.fetch, state);
        say(poll.notModified ? `${url}: not changed since the last poll` : `${url}: ${poll.stored.length} entries read, ${poll.failed.length} failed`);
        for (const failure of poll.failed) say(`  could not add ${failure.url}: ${failure.reason}`);
        failures += poll.failed.length;
        stored.push(...poll.stored);
      } else {
        stored.push(await addArticleFromUrl(url, config.corpusDir, config.fetch));
      }
    } catch (error) {
      failures += 1;
      say(`could not add ${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (state) await saveFeedState(config.indexDir, state);
  for (const article of stored) say(`${article.status}: ${article.source} (${article.url})`);
  if (stored.some((article) => article.status !== 'unchanged')) await openEngineWithProgress(config);
  else if (stored.length > 0) say('nothing new: the index is left as it is.');
  if (failures > 0 && stored.length === 0) process.exitCode = 1;
}
