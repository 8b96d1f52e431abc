/**
 * Small logistic models fitted on labelled questions of several corpora (tools/eval/fit-scorer.ts):
 * one rates each unit's chance of stating the answer (it ranks), another rates whether the best
 * unit answers the question at all (it decides to refuse).
 */
import { SCORER_WEIGHTS, type LogisticModel, type ScorerSet } from './scorer-weights.js';
import type { RankedUnits } from './unit-ranking.js';

export const SHIPPED_SCORERS: ScorerSet = SCORER_WEIGHTS;

/** What the answer model reads about the best unit and the question. */
export const ANSWER_FEATURE_NAMES = ['bestProbability', 'lead', 'coverageOfAll', 'aboveOffTopic', 'typeAbsent', 'attributeMissing', 'unitCoverage', 'typePresent', 'topPassage', 'samePassageNext', 'knownShare'] as const;
export type AnswerFeatures = Record<(typeof ANSWER_FEATURE_NAMES)[number], number>;

/**
 * The best unit's features, its probability and its lead over the next, whether the next best unit
 * comes from the same passage (the passage, not one sentence, matches), and how far the corpus is
 * about the question above the level that off-topic questions reach on it. Null with no unit.
 */
export function answerFeatures(ranked: RankedUnits, aboveOffTopic: number): AnswerFeatures | null {
  const [best, second] = ranked.onWords;
  if (!best) return null;
  const features = best.features;
  return {
    bestProbability: best.probability,
    lead: best.probability - (second?.probability ?? 0),
    coverageOfAll: features.contextCoverage * features.knownShare,
    aboveOffTopic,
    typeAbsent: features.typeAbsent,
    attributeMissing: features.attributeMissing,
    unitCoverage: features.unitCoverage,
    typePresent: features.typePresent,
    topPassage: best.unit.passageRank === 0 ? 1 : 0,
    samePassageNext: second && second.unit.retrieved.passage.id === best.unit.retrieved.passage.id ? 1 : 0,
    knownShare: features.knownShare,
  };
}
