import { z } from 'zod';

/** Bumped whenever cleaning, chunking or analysis changes in a way that invalidates built passages. */
export const INDEX_FORMAT_VERSION = 14;

export const manifestSchema = z.object({
  formatVersion: z.number().int(),
  builtAt: z.string(),
  buildMs: z.number(),
  /** null when the index was built without an embedding model (lexical retrieval only). */
  model: z
    .object({
      id: z.string(),
      dtype: z.string(),
      dimensions: z.number().int().positive(),
      passagePrefix: z.string(),
      fingerprint: z.string(),
    })
    .nullable(),
  chunking: z.object({ chunkSize: z.number().int(), chunkOverlap: z.number().int() }),
  files: z.record(z.string(), z.object({ sha256: z.string(), passages: z.number().int().nonnegative() })),
  /** sha256 of every file of the generation but the manifest, checked on load: a changed byte means a rebuild, never a crash. */
  artefacts: z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/u)),
  counts: z.object({
    articles: z.number().int().nonnegative(),
    passages: z.number().int().nonnegative(),
    embedded: z.number().int().nonnegative(),
    reused: z.number().int().nonnegative(),
  }),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestModel = NonNullable<Manifest['model']>;

/** Vectors are reusable only between identical models (same weights), precisions and passage prefixes. */
export function sameModel(a: ManifestModel | null, b: ManifestModel | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id &&
    a.dtype === b.dtype &&
    a.dimensions === b.dimensions &&
    a.passagePrefix === b.passagePrefix &&
    a.fingerprint === b.fingerprint
  );
}
