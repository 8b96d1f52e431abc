import type { Citation } from './api-types.js';
import { articleHref, passageMeta } from './citation-panel.js';
import type { Exchange } from './conversation-store.js';

/** The answer as plain text with its references, each with the address of its passage, to paste elsewhere. */
export function answerAsPlainText(exchange: Exchange, origin: string): string {
  const result = exchange.answer;
  const reference = (citation: Citation) => `[${citation.index}] ${citation.title ?? citation.source}${passageMeta(citation) ? ` — ${passageMeta(citation)}` : ''} — ${origin}${articleHref(citation).replace(/#.*$/u, '')}`;
  const lines = [exchange.text.trim()];
  if (exchange.status === 'stopped') lines.push('(réponse arrêtée avant la fin)');
  if (result && !result.abstained && result.citations.length > 0) lines.push('', 'Sources :', ...result.citations.map(reference));
  if (result?.abstained && (result.related ?? []).length > 0) lines.push('', 'Passages les plus proches :', ...(result.related ?? []).map((passage, i) => reference({ ...passage, index: i + 1, highlights: [] })));
  return lines.join('\n');
}

/** Copies text; where the clipboard API is missing (a plain-http address other than localhost), through a selection. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}
