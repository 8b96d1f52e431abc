/** File names inside one index generation. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  passages: 'passages.json',
  lexical: 'bm25.json',
  denseDir: 'dense',
} as const;
