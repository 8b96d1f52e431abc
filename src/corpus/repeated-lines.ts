import { normaliseForMatching } from './boilerplate.js';
import type { ClassifiedLine } from './lines.js';

/**
 * A line that stands in most documents of the corpus is the site's furniture (navigation, footer,
 * share bar, newsletter prompt), not article text: at least three documents, so that two articles
 * quoting the same sentence keep it, and at least half of them. Measured on 25 pages of Debian's
 * French documentation: with three documents alone, 123 lines were taken, many of them table
 * cells and shell lines ("$ cd ..", "paquet") that several chapters share; with half, 2
 * ("Table des matières", "Astuce").
 */
export const MIN_DOCUMENTS_FOR_BOILERPLATE = 3;
export const MIN_SHARE_FOR_BOILERPLATE = 0.5;

/** Normalised content lines that stand in enough of the documents to be furniture (see above). */
export function learnRepeatedLines(documents: readonly (readonly ClassifiedLine[])[]): ReadonlySet<string> {
  const documentsPerLine = new Map<string, number>();
  for (const lines of documents) {
    const distinct = new Set(lines.filter((line) => line.kind === 'content').map((line) => normaliseForMatching(line.text)));
    for (const text of distinct) if (text !== '') documentsPerLine.set(text, (documentsPerLine.get(text) ?? 0) + 1);
  }
  const needed = Math.max(MIN_DOCUMENTS_FOR_BOILERPLATE, Math.ceil(MIN_SHARE_FOR_BOILERPLATE * documents.length));
  return new Set([...documentsPerLine].filter(([, count]) => count >= needed).map(([text]) => text));
}

/** The lines with those repeated across the corpus marked as boilerplate (rule "repeated-in-corpus"). */
export function markRepeatedLines(lines: readonly ClassifiedLine[], repeated: ReadonlySet<string>): ClassifiedLine[] {
  if (repeated.size === 0) return [...lines];
  return lines.map((line) =>
    line.kind === 'content' && repeated.has(normaliseForMatching(line.text)) ? { ...line, kind: 'boilerplate', rule: 'repeated-in-corpus' } : line,
  );
}
