import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeAtomically } from '../shared/index.js';

const STATE_FILE = 'CORPUS_STATE.json';

const corpusStateSchema = z.object({
  /** The generation that was checked against the corpus. */
  generation: z.string(),
  /** corpusListing() of the corpus it was checked against. */
  listing: z.string(),
  skipped: z.array(z.object({ source: z.string(), reason: z.string() })),
  /** Files decoded from a legacy encoding (absent in states written before it was recorded). */
  converted: z.array(z.object({ source: z.string(), encoding: z.string() })).default([]),
});

export type CorpusState = z.infer<typeof corpusStateSchema>;
export type CorpusStateInput = z.input<typeof corpusStateSchema>;

/**
 * A cache beside the generations (not part of any): "generation G matched the corpus whose
 * listing was L; these files were skipped". With it, a start where nothing changed neither reads
 * nor cleans the articles. Unreadable or stale means only that the corpus is read in full.
 */
export async function readCorpusState(indexDir: string): Promise<CorpusState | null> {
  const text = await readFile(path.join(indexDir, STATE_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    const parsed = corpusStateSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Best effort: a folder that cannot be written (served read-only) just keeps the full read. */
export async function saveCorpusState(indexDir: string, state: CorpusState): Promise<void> {
  await writeAtomically(path.join(indexDir, STATE_FILE), JSON.stringify(state)).catch(() => undefined);
}
