import type { RetrievedPassage } from '../retrieval/hybrid.js';
import { passageReference } from '../retrieval/passage-reference.js';
import { ABSTENTION_MESSAGE, type Answer, type Citation } from './answer.js';
import { scoreSentences, type ScoredSentence, type TermWeights } from './evidence.js';

export interface ExtractiveSettings {
  /** Below this evidence score the answerer abstains. */
  minEvidence: number;
  /** A sentence must itself hold this share of the question (its passage only adds context). */
  minSentenceCoverage: number;
  /** Other sentences join the best one only when they score at least this share of it. */
  relativeCutoff: number;
  maxSentences: number;
}

export const DEFAULT_EXTRACTIVE_SETTINGS: ExtractiveSettings = {
  minEvidence: 0.45,
  minSentenceCoverage: 0.4,
  relativeCutoff: 0.9,
  maxSentences: 3,
};

/** Sentences shorter than this are fragments, not answers. */
const MIN_SENTENCE_LENGTH = 25;
/** A heading ("Le choix de Paris et Bruxelles") names a topic without stating anything: answers are sentences. */
const ENDS_LIKE_A_SENTENCE = /[.!?…»”":]\s*$/u;
/** Lines without final punctuation longer than this are sentences (one ending in a link, say), not headings. */
const MAX_HEADING_LENGTH = 100;

function isHeading(text: string): boolean {
  return text.length <= MAX_HEADING_LENGTH && !ENDS_LIKE_A_SENTENCE.test(text);
}

/**
 * Answers without a language model: picks the retrieved sentences that best cover the question,
 * each followed by the [n] marker of its passage, or abstains when the evidence is too weak.
 */
export function answerExtractively(
  question: string,
  retrieved: RetrievedPassage[],
  weights: TermWeights,
  settings: ExtractiveSettings = DEFAULT_EXTRACTIVE_SETTINGS,
): Answer {
  const ranked = scoreSentences(question, retrieved, weights)
    .filter(
      (sentence) =>
        sentence.coversQuestion &&
        sentence.sentenceCoverage >= settings.minSentenceCoverage &&
        sentence.text.length >= MIN_SENTENCE_LENGTH &&
        !isHeading(sentence.text),
    )
    .sort((a, b) => b.score - a.score);
  const best = ranked[0];
  if (!best || best.score < settings.minEvidence) return { answer: ABSTENTION_MESSAGE, citations: [], abstained: true };

  const chosen = pickDistinct(ranked, Math.max(settings.minEvidence, best.score * settings.relativeCutoff), settings.maxSentences);
  const citations: Citation[] = [];
  const citationOf = new Map<string, Citation>();
  const parts = chosen.map((sentence) => {
    const passage = sentence.retrieved.passage;
    let citation = citationOf.get(passage.id);
    if (citation === undefined) {
      citation = { index: citations.length + 1, ...passageReference(passage, sentence.retrieved.score), highlights: [] };
      citationOf.set(passage.id, citation);
      citations.push(citation);
    }
    citation.highlights.push({ start: sentence.start, end: sentence.end });
    return `${normaliseWhitespace(sentence.text)} [${citation.index}]`;
  });
  for (const citation of citations) citation.highlights.sort((a, b) => a.start - b.start);
  return { answer: parts.join(' '), citations, abstained: false };
}

/** Best sentences first, skipping any that repeat one already chosen (overlapping passages share sentences). */
function pickDistinct(ranked: ScoredSentence[], threshold: number, limit: number): ScoredSentence[] {
  const chosen: ScoredSentence[] = [];
  const seen = new Set<string>();
  for (const sentence of ranked) {
    if (chosen.length >= limit || sentence.score < threshold) break;
    const key = normaliseWhitespace(sentence.text);
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(sentence);
  }
  return chosen;
}

function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
