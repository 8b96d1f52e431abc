/**
 * Small logistic models fitted on labelled questions of several corpora (src/eval/fit-scorer.ts):
 * one rates each unit's chance of stating the answer (it ranks), another rates whether the best
 * unit answers the question at all (it decides to refuse).
 */
import type { Features } from './answer-features.js';
import { SCORER_WEIGHTS, type LogisticModel, type ScorerSet } from './scorer-weights.js';

export const SHIPPED_SCORERS: ScorerSet = SCORER_WEIGHTS;

/** What the answer model reads about the best unit and the question. */
export const ANSWER_FEATURE_NAMES = ['bestProbability', 'lead', 'coverageOfAll', 'aboveOffTopic', 'typeAbsent', 'attributeMissing'] as const;
export type AnswerFeatures = Record<(typeof ANSWER_FEATURE_NAMES)[number], number>;

/** Probability under a logistic model (features it does not name count 0). */
export function logistic(model: LogisticModel, features: Readonly<Record<string, number>>): number {
  let z = model.bias;
  for (const [name, weight] of Object.entries(model.weights)) z += (weight ?? 0) * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-z));
}

/**
 * The best unit's features, its probability and its lead over the next, and how far the corpus is
 * about the question above the level that off-topic questions reach on it.
 */
export function answerFeatures(best: Features, bestProbability: number, secondProbability: number, aboveOffTopic: number): AnswerFeatures {
  return {
    bestProbability,
    lead: bestProbability - secondProbability,
    coverageOfAll: best.contextCoverage * best.knownShare,
    aboveOffTopic,
    typeAbsent: best.typeAbsent,
    attributeMissing: best.attributeMissing,
  };
}
