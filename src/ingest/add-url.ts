import type { FetchLimits } from '../config.js';
import { fetchBounded } from './fetch-bounded.js';
import { PAGE_TYPES, storeFetchedArticle, type StoredArticle } from './store-article.js';

/** Fetches one page (bounded, see fetchBounded) and stores it in the corpus folder. */
export async function addArticleFromUrl(url: string, corpusDir: string, limits: FetchLimits): Promise<StoredArticle> {
  const resource = await fetchBounded(url, limits, { accept: PAGE_TYPES });
  if (resource === null) throw new Error(`${url}: the server answered "not modified" to a request that asked for no cached copy`);
  return storeFetchedArticle(resource, corpusDir);
}
