export { chunkArticle } from './chunk-article.js';
export { FrenchSentenceTextSplitter, type TextChunk } from './french-sentence-splitter.js';
export type { ChunkingSettings, Passage } from './passage.js';
