/**
 * Two small logistic models, fitted on the dev split (scripts/fit-answer-scorer.ts): one rates each
 * unit's chance of stating the answer (it ranks), the other rates whether the best unit answers the
 * question at all (it decides to abstain).
 */
import type { Features } from './answer-features.js';
import { SCORER_WEIGHTS, type LogisticModel, type ScorerWeights } from './scorer-weights.js';

export type ScorerKind = keyof typeof SCORER_WEIGHTS.models;

export function scorerFor(kind: ScorerKind): ScorerWeights {
  return SCORER_WEIGHTS.models[kind];
}

/** Probability that the unit states the answer. */
export function scoreUnit(features: Features, model: LogisticModel): number {
  return logistic(model, features);
}

/** What the answer model reads: the best unit's features, its probability and its lead over the next unit. */
export function answerFeatures(best: Features, bestProbability: number, secondProbability: number): Record<string, number> {
  return { ...best, bestProbability, lead: bestProbability - secondProbability };
}

/** Probability that answering with the best unit is right (rather than abstaining). */
export function scoreAnswer(features: Record<string, number>, model: LogisticModel): number {
  return logistic(model, features);
}

function logistic(model: LogisticModel, features: Record<string, number>): number {
  let z = model.bias;
  for (const [name, weight] of Object.entries(model.weights)) z += (weight ?? 0) * (features[name] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
