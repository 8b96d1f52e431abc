/**
 * What readers say of the answers (👍/👎, an optional comment), appended one JSON line per verdict to
 * feedback.jsonl in the data folder (INDEX_DIR, beside feeds.json): re-indexing never touches it.
 * This is how a newsroom learns which answers to fix.
 */
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const FEEDBACK_FILE = 'feedback.jsonl';
/** Beyond this the file is not appended to (a flood of verdicts cannot fill the disk): summarise it, move it away. */
export const MAX_FEEDBACK_BYTES = 50 * 1024 * 1024;

export class FeedbackFullError extends Error {}

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
  const file = path.join(dataDir, FEEDBACK_FILE);
  const size = (await stat(file).catch(() => null))?.size ?? 0;
  if (size >= MAX_FEEDBACK_BYTES) throw new FeedbackFullError(`${file} holds ${Math.round(size / 1024 / 1024)} MB of feedback: run npm run feedback, then move the file away`);
  await appendFile(file, `${JSON.stringify(entry)}\n`, 'utf8');
}

export interface FeedbackSummary {
  up: number;
  down: number;
  /** Lines that could not be read (a damaged file still summarises the rest). */
  unreadable: number;
  latestDown: FeedbackEntry[];
}

/** Read line by line: the file may be large; a line that is not a verdict is counted, not fatal. */
export async function summariseFeedback(dataDir: string, latest = 10): Promise<FeedbackSummary> {
  const summary: FeedbackSummary = { up: 0, down: 0, unreadable: 0, latestDown: [] };
  const file = path.join(dataDir, FEEDBACK_FILE);
  if (!(await stat(file).catch(() => null))) return summary;
  const down: FeedbackEntry[] = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const entry = entryOf(line);
    if (entry === null) summary.unreadable += 1;
    else if (entry.verdict === 'up') summary.up += 1;
    else {
      summary.down += 1;
      down.push(entry);
      if (down.length > latest) down.shift();
    }
  }
  summary.latestDown = down.reverse();
  return summary;
}

function entryOf(line: string): FeedbackEntry | null {
  try {
    const value = JSON.parse(line) as Partial<FeedbackEntry>;
    if ((value.verdict !== 'up' && value.verdict !== 'down') || typeof value.question !== 'string' || typeof value.answer !== 'string' || typeof value.at !== 'string') return null;
    const citations = Array.isArray(value.citations)
      ? value.citations.filter((citation) => typeof citation?.source === 'string' && Number.isInteger(citation.start) && Number.isInteger(citation.end))
      : [];
    return { at: value.at, verdict: value.verdict, question: value.question, answer: value.answer, citations, ...(typeof value.comment === 'string' ? { comment: value.comment } : {}) };
  } catch {
    return null;
  }
}
