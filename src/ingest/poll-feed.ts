import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import type { FetchLimits } from '../config.js';
import { addArticleFromUrl } from './add-url.js';
import { fetchBounded, FetchError } from './fetch-bounded.js';
import { MAX_SEEN_PER_FEED, type FeedState } from './feed-state.js';
import type { StoredArticle } from './store-article.js';

export const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/xml', 'text/xml', 'application/json'] as const;

export interface FeedPoll {
  feed: string;
  /** True when the server said the feed did not change since the last poll (ETag / Last-Modified). */
  notModified: boolean;
  stored: StoredArticle[];
  /** Entries that could not be added, with why. */
  failed: { url: string; reason: string }[];
}

/**
 * Reads an RSS, Atom or JSON feed (with @extractus/feed-extractor), asking only for a newer copy
 * than the last poll's, and adds the entries it has not seen yet. Updates `state` in place.
 */
export async function pollFeed(feedUrl: string, corpusDir: string, limits: FetchLimits, state: FeedState): Promise<FeedPoll> {
  const known = state.feeds[feedUrl];
  const resource = await fetchBounded(feedUrl, limits, { accept: FEED_TYPES, ifNoneMatch: known?.etag ?? null, ifModifiedSince: known?.lastModified ?? null });
  const checkedAt = new Date().toISOString();
  if (resource === null) {
    if (known) known.checkedAt = checkedAt;
    return { feed: feedUrl, notModified: true, stored: [], failed: [] };
  }
  let links: string[];
  try {
    const text = decodeFeed(resource.body, resource.charset);
    const isJson = resource.contentType.includes('json');
    const feed = isJson ? extractFromJson(JSON.parse(text), { baseUrl: resource.url }) : extractFromXml(text, { baseUrl: resource.url });
    links = (feed.entries ?? []).map((entry) => entry.link).filter((link): link is string => typeof link === 'string' && link !== '');
  } catch (error) {
    throw new FetchError(`${feedUrl} is not a feed that can be read (${error instanceof Error ? error.message : String(error)})`);
  }
  const seen = new Set(known?.seen ?? []);
  const stored: StoredArticle[] = [];
  const failed: { url: string; reason: string }[] = [];
  let retryLater = false;
  for (const link of links) {
    const absolute = new URL(link, resource.url).href;
    if (seen.has(absolute)) continue;
    try {
      stored.push(await addArticleFromUrl(absolute, corpusDir, limits));
      seen.add(absolute);
    } catch (error) {
      failed.push({ url: absolute, reason: error instanceof Error ? error.message : String(error) });
      // A refused or missing entry is not asked for again; one that timed out or met a server error is, at the next poll.
      if (error instanceof FetchError && error.permanent) seen.add(absolute);
      else retryLater = true;
    }
  }
  // With entries left to retry, the next poll must get the feed again rather than "not modified".
  const validators = retryLater ? { etag: null, lastModified: null } : { etag: resource.etag, lastModified: resource.lastModified };
  state.feeds[feedUrl] = { ...validators, seen: [...seen].slice(-MAX_SEEN_PER_FEED), checkedAt };
  return { feed: feedUrl, notModified: false, stored, failed };
}

/** The feed's text in the charset the server or the XML declaration gives (UTF-8 otherwise). */
function decodeFeed(body: Buffer, charset: string | null): string {
  const declared = charset ?? /^<\?xml[^>]*encoding=["']([\w-]+)["']/iu.exec(body.subarray(0, 200).toString('latin1'))?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(declared).decode(body);
  } catch {
    return new TextDecoder('utf-8').decode(body);
  }
}
