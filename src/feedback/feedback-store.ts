/**
 * What readers say of the answers (👍/👎, an optional comment), appended one JSON line per verdict to
 * feedback.jsonl in the data folder (INDEX_DIR, beside feeds.json): re-indexing never touches it.
 * This is how a newsroom learns which answers to fix.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export const FEEDBACK_FILE = 'feedback.jsonl';

export interface FeedbackEntry {
  at: string;
  verdict: 'up' | 'down';
  question: string;
  answer: string;
  citations: { source: string; start: number; end: number }[];
  comment?: string;
}

/** Appends in one write: a line is whole or absent even when several requests append at once. */
export async function appendFeedback(dataDir: string, entry: FeedbackEntry): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await appendFile(path.join(dataDir, FEEDBACK_FILE), `${JSON.stringify(entry)}\n`, 'utf8');
}

export interface FeedbackSummary {
  up: number;
  down: number;
  /** Lines that could not be read (a damaged file still summarises the rest). */
  unreadable: number;
  latestDown: FeedbackEntry[];
}

export async function summariseFeedback(dataDir: string, latest = 10): Promise<FeedbackSummary> {
  const text = await readFile(path.join(dataDir, FEEDBACK_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '';
    throw error;
  });
  const summary: FeedbackSummary = { up: 0, down: 0, unreadable: 0, latestDown: [] };
  const down: FeedbackEntry[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as FeedbackEntry;
      if (entry.verdict === 'up') summary.up += 1;
      else if (entry.verdict === 'down') {
        summary.down += 1;
        down.push(entry);
      } else summary.unreadable += 1;
    } catch {
      summary.unreadable += 1;
    }
  }
  summary.latestDown = down.slice(-latest).reverse();
  return summary;
}
