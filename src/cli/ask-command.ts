import { askQuestion } from '../answer/index.js';
import type { AppConfig } from '../config.js';
import { askContextOf } from '../engine.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

export async function askCommand(config: AppConfig, question: string, options: { k?: number; json?: boolean }): Promise<void> {
  const engine = await openEngineWithProgress(config);
  // The database's connections are let go, or the command would not end.
  const result = await askQuestion(askContextOf(engine), { question, k: options.k ?? config.retrieval.topK }).finally(() => engine.close());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const lines = [result.answer, ''];
  if (result.citations.length > 0) lines.push('Sources :');
  for (const citation of result.citations) {
    const heading = [citation.title, citation.section ? `« ${citation.section} »` : null, citation.outlet, citation.author, citation.date].filter(Boolean).join(' · ');
    const place = `${citation.page ? `page ${citation.page}, ` : ''}caractères ${citation.start}–${citation.end}`;
    lines.push(`[${citation.index}] ${citation.source} (${place})${heading ? ` — ${heading}` : ''}`);
    if (citation.url) lines.push(`    ${citation.url}`);
    lines.push(`    « ${citation.excerpt.replace(/\s+/g, ' ').trim()} »`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
