export type { Bm25Index } from './bm25.js';
export type { BuildPhase, BuildProgressListener, EmbedderForBuild } from './build-index.js';
export { upToDateWithoutModel } from './check-without-model.js';
export { citableArticles } from './citable-articles.js';
export { saveCorpusState } from './corpus-state.js';
export { ensureIndex } from './ensure-index.js';
export { loadIfCorpusUnchanged } from './load-if-unchanged.js';
export type { LoadedIndex } from './loaded-index.js';
