/** A small logistic model over the unit features; its weights are fitted on the dev split (scripts/fit-answer-scorer.ts). */
import { FEATURE_NAMES, type Features } from './answer-features.js';
import { SCORER_WEIGHTS, type ScorerWeights } from './scorer-weights.js';

export type ScorerKind = keyof typeof SCORER_WEIGHTS.models;

export function scorerFor(kind: ScorerKind): ScorerWeights {
  return SCORER_WEIGHTS.models[kind];
}

/** Probability that the unit states the answer. */
export function scoreUnit(features: Features, weights: ScorerWeights): number {
  let z = weights.bias;
  for (const name of FEATURE_NAMES) z += (weights.weights[name] ?? 0) * features[name];
  return 1 / (1 + Math.exp(-z));
}
