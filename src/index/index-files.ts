/** File names inside one index generation. */
export const INDEX_FILES = {
  manifest: 'manifest.json',
  /** sha256 of manifest.json, written after it: the manifest holds the checksums of the other files. */
  manifestChecksum: 'manifest.sha256',
  passages: 'passages.json',
  lexical: 'bm25.json',
  denseDir: 'dense',
} as const;
