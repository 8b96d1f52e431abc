/** How one answer is judged against its labelled question. */
import type { AbstentionReason } from '../../src/answer/cited-answer.js';
import { isAnswerable, type EvalQuestion } from './question-set.js';

/** Case, apostrophes, spaces and Unicode composition do not matter when looking for a key fact. */
export function normaliseForMatch(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘`´]/gu, "'")
    .replace(/[\s\u00a0\u202f]+/gu, ' ')
    .trim();
}

/**
 * Whether `needle` occurs in `haystack` as whole words: "6 milliards" is not found in "6,6 milliards",
 * nor "EXT" in "texte".
 */
function containsWords(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack.slice(Math.max(0, at - 2), at);
    const after = haystack[at + needle.length] ?? '';
    const wordBefore = /[\p{L}\p{N}]$/u.test(before) || /\p{N}[,.]$/u.test(before);
    const wordAfter = /[\p{L}\p{N}]/u.test(after) && /[\p{L}\p{N}]$/u.test(needle);
    if (!wordBefore && !wordAfter) return true;
  }
  return false;
}

const holds = (text: string, group: string[]) => {
  const haystack = normaliseForMatch(text);
  return group.some((alternative) => containsWords(haystack, normaliseForMatch(alternative)));
};

export function holdsKeyFacts(text: string, keyFacts: string[][]): boolean {
  return keyFacts.every((group) => holds(text, group));
}

export function holdsAnyKeyFact(text: string, keyFacts: string[][]): boolean {
  return keyFacts.some((group) => holds(text, group));
}

/** An answerable question answered with all its key facts and a right article cited, or an unanswerable one refused. */
export function isRightAnswer(question: EvalQuestion, answer: { abstained: boolean; answer: string; citations: { source: string }[] }): boolean {
  if (!isAnswerable(question)) return answer.abstained;
  return !answer.abstained && holdsKeyFacts(answer.answer, question.keyFacts) && answer.citations.some((c) => question.sources.includes(c.source));
}

/**
 * Whether a refusal's reason is true. "Nothing in the corpus is about this" is false for a question the
 * corpus answers and for a tempting one (written on a page that does not state the asked fact); for an
 * unanswerable one either reason holds (the labels do not say off-topic from in-domain). "No sentence
 * answers it surely; see the closest passages" claims no more than the answerer's doubt, so it is true
 * of every question: the dead-end rate says whether the passages shown hold the answer.
 */
export function refusalReasonIsTrue(question: EvalQuestion, reason: AbstentionReason): boolean {
  return reason === 'not_in_corpus' ? question.kind === 'unanswerable' : true;
}

/** What one question's run yields, before aggregation. */
export interface QuestionOutcome {
  question: EvalQuestion;
  answerable: boolean;
  abstained: boolean;
  /** Answered and cites one of the question's articles. */
  citedRightArticle: boolean;
  /** Answered and the answer holds every key fact. */
  keyFactInAnswer: boolean;
  /** As `isRightAnswer` judges it. */
  right: boolean;
  /** Retrieval (as /search returns it): a right article first, or among the first three articles. */
  hitAt1: boolean;
  hitAt3: boolean;
  /** 1 / rank of the first retrieved passage of a right article holding a key fact (0 if none in the list). */
  passageReciprocalRank: number;
  /** Answered, and wrong (or the question has no answer in the corpus). */
  confidentWrong: boolean;
  /** Refused an answerable question and none of the related passages holds its key facts. */
  deadEnd: boolean;
  /** When refused: the reason given, and whether it is true. */
  refusal: { reason: AbstentionReason; true: boolean } | null;
  /** Answer or excerpt holds a line the corpus reader should have removed. */
  boilerplate: boolean;
  answer: string;
  totalMs: number;
}
