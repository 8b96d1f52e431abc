/**
 * Whether to answer, and when not, why: the question is out of the corpus's scope (a name it never
 * uses, or no word of it in any passage), or passages are about it but the answer model finds none
 * that states the answer.
 */
import type { AbstentionReason } from './cited-answer.js';
import type { QuestionTerms } from './answer-features.js';
import { answerFeatures } from './answer-scorer.js';
import { logistic } from './logistic.js';
import type { ScorerSet } from './scorer-weights.js';
import type { RankedUnits } from './unit-ranking.js';

/** How much the corpus is about the question, and the level that off-topic questions reach on it (src/retrieval/aboutness.ts). */
export interface Aboutness {
  score: number;
  offTopicLevel: number;
}

export type Decision = { answer: true; probability: number } | { answer: false; reason: AbstentionReason; probability: number };

/**
 * A question is out of scope when it names something the corpus never names ("la monnaie du Japon"
 * in a corpus that never says "Japon"), or when no passage holds any of its words. In English, names
 * are not read: sentence-initial words ("What", "I") and English spellings of names the French text
 * writes otherwise ("Germany") would count as unknown. Aboutness measured against off-topic questions
 * is no reason to refuse by itself (on the evaluation's dev split, a cut at the off-topic level flagged
 * 133 answerable questions for 24 unanswerable ones); the answer model reads it instead.
 */
export function isOutOfScope(terms: QuestionTerms, aboutness: Aboutness): boolean {
  const unknownName = terms.analysis.language === 'fr' && terms.unknownNames > 0;
  return unknownName || aboutness.score <= 0;
}

/** The answer model's probability that the best unit on words answers the question (0 with no unit). */
export function answerProbability(ranked: RankedUnits, scorers: Pick<ScorerSet, 'answer'>, aboutness: Aboutness): number {
  const features = answerFeatures(ranked, aboutness.score - aboutness.offTopicLevel);
  return features ? logistic(scorers.answer, features) : 0;
}

/**
 * Decided on words, with or without the model: offline, dense weights can only be fitted with the tiny
 * test model, whose similarities say little about a real model's. The model still chooses the sentence.
 */
export function decide(ranked: RankedUnits, scorers: Pick<ScorerSet, 'answer' | 'threshold'>, aboutness: Aboutness): Decision {
  if (isOutOfScope(ranked.terms, aboutness)) return { answer: false, reason: 'not_in_corpus', probability: 0 };
  // Passages share the question's words, but none has a sentence to quote (only headings or questions).
  if (ranked.onWords.length === 0) return { answer: false, reason: 'not_stated', probability: 0 };
  const probability = answerProbability(ranked, scorers, aboutness);
  return probability >= scorers.threshold ? { answer: true, probability } : { answer: false, reason: 'not_stated', probability };
}
