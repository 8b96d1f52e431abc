export { addArticleFromUrl } from './add-url.js';
export { loadFeedState, saveFeedState } from './feed-state.js';
export { keepIndexFresh } from './keep-index-fresh.js';
export { pollFeed } from './poll-feed.js';
export type { StoredArticle } from './store-article.js';
