import type { Citation } from './api-types.js';
import { articleHref, passageMeta } from './citation-panel.js';
import type { Exchange } from './conversation-store.js';

/** The answer as plain text with its references, each with the address of its passage, to paste elsewhere. */
export function answerAsPlainText(exchange: Exchange, origin: string): string {
  const result = exchange.answer;
  const reference = (citation: Citation) => `[${citation.index}] ${citation.title ?? citation.source}${passageMeta(citation) ? ` — ${passageMeta(citation)}` : ''} — ${origin}${articleHref(citation).replace(/#.*$/u, '')}`;
  const lines = [exchange.text.trim()];
  if (result && !result.abstained && result.citations.length > 0) lines.push('', 'Sources :', ...result.citations.map(reference));
  if (result?.abstained && (result.related ?? []).length > 0) lines.push('', 'Passages les plus proches :', ...(result.related ?? []).map((passage, i) => reference({ ...passage, index: i + 1, highlights: [] })));
  return lines.join('\n');
}
