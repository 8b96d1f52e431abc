import type { AppConfig } from '../config.js';
import { FEEDBACK_FILE, summariseFeedback } from '../feedback/index.js';
import path from 'node:path';

const SHOWN = 10;
const CUT = 160;

/** npm run feedback: how many 👍 and 👎, and the latest 👎 with their questions, to know which answers to fix. */
export async function feedbackCommand(config: AppConfig): Promise<void> {
  const summary = await summariseFeedback(config.indexDir, SHOWN);
  const file = path.join(config.indexDir, FEEDBACK_FILE);
  const total = summary.up + summary.down;
  if (total === 0) {
    process.stdout.write(`No feedback yet (${file}): readers give it with 👍/👎 under each answer.\n`);
    return;
  }
  process.stdout.write(`${total} verdicts in ${file}: 👍 ${summary.up}, 👎 ${summary.down}${summary.unreadable ? ` (${summary.unreadable} unreadable lines skipped)` : ''}\n`);
  if (summary.latestDown.length > 0) process.stdout.write(`\nLatest 👎 (newest first):\n`);
  for (const entry of summary.latestDown) {
    process.stdout.write(`- ${shorten(entry.at.slice(0, 16).replace('T', ' '))}  ${shorten(entry.question)}\n    answer: ${shorten(entry.answer)}\n`);
    if (entry.citations.length > 0) process.stdout.write(`    cited: ${shorten(entry.citations.map((citation) => `${citation.source} ${citation.start}–${citation.end}`).join(', '))}\n`);
    if (entry.comment) process.stdout.write(`    comment: ${shorten(entry.comment)}\n`);
  }
}

/** What readers wrote, shown as text: control characters (a terminal's escape codes) never reach the terminal. */
function shorten(text: string): string {
  const flat = text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/gu, ' ').trim();
  return flat.length > CUT ? `${flat.slice(0, CUT - 1)}…` : flat;
}
