import { FRENCH_MONTH_PATTERN } from '../text/index.js';
import { splitSentences } from '../text/index.js';
import type { Citation, UnsupportedClaim } from './cited-answer.js';

/** A sentence of an answer that its cited passages do not back, and why ("6,6 milliards not in [2]"). */
const MARKERS = /\[(\d+)\]/gu;
const ATTRIBUTION = /^\s*(?:(?:Les sources diffèrent|The sources differ)\s*:\s*)?(?:Selon « [^»]* »(?:, au [^:]+)?|According to "[^"]*"(?:, as of [^:]+)?)\s*:\s*/u;
/** Text, then the run of markers that follows it (none at the end of an answer that stops citing). */
const CLAIM_THEN_MARKERS = /([^[]*?)((?:\s*\[\d+\])+|$)/gu;
/** Figures ("6,6", "157", "1 500", "40 %"; not ordinals such as "3ème"), and names: capitalised words that do not start the sentence. */
const FIGURE = /(?<![\p{L}\p{N}])\d+(?:[\s\u00a0\u202f]\d{3})*(?:[.,]\d+)?(?![\p{L}\d])/gu;
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}’'-]*\p{L}(?![\p{L}\p{N}’'-])/gu;
const FRENCH_MONTH = new RegExp(`\\b(?:${FRENCH_MONTH_PATTERN})\\b`, 'giu');

/**
 * Checks each sentence of an answer against the passages it cites: every figure, month and name it
 * states must occur in one of them. A sentence that cites nothing, or states something its sources
 * do not, is listed with the reason. The same check serves extracted and generated answers.
 */
export function unsupportedClaims(answer: string, citations: readonly Citation[]): UnsupportedClaim[] {
  if (citations.length === 0) return [];
  const byIndex = new Map(citations.map((citation) => [citation.index, normalise(citation.excerpt)]));
  const claims: UnsupportedClaim[] = [];
  // What stands before a run of markers is what they cite: one sentence, or several quoted together.
  for (const match of answer.matchAll(CLAIM_THEN_MARKERS)) {
    const text = (match[1] ?? '').trim();
    if (text === '' || /^[\p{P}\s]*$/u.test(text)) continue;
    const indexes = [...(match[2] ?? '').matchAll(MARKERS)].map((marker) => Number(marker[1]));
    // "[12]" of an article's own text, quoted, is not one of the answer's markers.
    if (indexes.some((index) => !byIndex.has(index))) continue;
    // The answerer's own attribution ("Les sources diffèrent : Selon « titre », au 4 octobre 2024 :") names the cited article, not a claim.
    const claimText = text.replace(ATTRIBUTION, '');
    for (const span of splitSentences(claimText)) {
      const sentence = claimText.slice(span.start, span.end).trim();
      if (sentence === '' || /^[\p{P}\s]*$/u.test(sentence)) continue;
      if (indexes.length === 0) {
        claims.push({ sentence, reason: 'cites no source' });
        continue;
      }
      const sources = indexes.map((index) => byIndex.get(index) ?? '').join('\n');
      const marker = indexes.map((index) => `[${index}]`).join('');
      const stated = [...(sentence.match(FIGURE) ?? []), ...(sentence.match(FRENCH_MONTH) ?? []), ...(sentence.match(NAME) ?? []).filter((name) => name.length >= 3)];
      const missing = [...new Set(stated.map((claim) => claim.trim()))].filter((claim) => !containsWhole(sources, normalise(claim)));
      if (missing.length > 0) claims.push({ sentence, reason: `${missing.map((claim) => `"${claim}"`).join(', ')} not in ${marker}` });
    }
  }
  return claims;
}

function normalise(text: string): string {
  return text.normalize('NFC').replace(/[\s\u00a0\u202f]+/gu, ' ').replace(/[’]/gu, "'").toLowerCase();
}

/** Whole-token containment: "6" is not found in "6,6", nor "Paris" in "Parisien". */
function containsWhole(haystack: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}]|\\d[.,])${escaped}(?![\\p{L}\\p{N}]|[.,]\\d)`, 'u').test(haystack);
}
