import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeAtomically } from '../shared/index.js';

const feedStateSchema = z.object({
  feeds: z.record(
    z.string(),
    z.object({
      etag: z.string().nullable(),
      lastModified: z.string().nullable(),
      /** Entry links already added (or tried), so a poll fetches only new entries. */
      seen: z.array(z.string()),
      checkedAt: z.string(),
    }),
  ),
});
export type FeedState = z.infer<typeof feedStateSchema>;
export type OneFeedState = FeedState['feeds'][string];

/** Most entries remembered per feed: a feed lists its latest few dozen. */
export const MAX_SEEN_PER_FEED = 2000;
const STATE_FILE = 'feeds.json';

/** What earlier polls learned (validators for conditional requests, entries already added); empty when none or unreadable. */
export async function loadFeedState(indexDir: string): Promise<FeedState> {
  try {
    return feedStateSchema.parse(JSON.parse(await readFile(path.join(indexDir, STATE_FILE), 'utf8')));
  } catch {
    return { feeds: {} };
  }
}

export async function saveFeedState(indexDir: string, state: FeedState): Promise<void> {
  await mkdir(indexDir, { recursive: true });
  await writeAtomically(path.join(indexDir, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}
