/**
 * Fits the extractive answerer's scorer on labelled questions (the evaluation fits it once per
 * corpus left out, and tools/fit-answer-scorer.ts once on every corpus for the shipped weights).
 *
 * - Each answer unit is labelled 1 when it belongs to one of the question's documents and holds all of
 *   its key facts, else 0 (every unit of an unanswerable question is 0); the unit model is fitted on
 *   words alone, the dense unit model on the best units with the model's similarity too.
 * - The answer model learns, one row per question that is not out of scope, whether answering with the
 *   best unit is right; its threshold is the one that scores best when a wrong answer costs more than a
 *   refusal, and a refusal that shows the passage holding the answer counts for a little.
 */
import { ANSWER_FEATURE_NAMES, answerFeatures } from '../../src/answer/answer-scorer.js';
import { logistic } from '../../src/answer/logistic.js';
import { DENSE_FEATURE_NAMES, UNIT_FEATURE_NAMES } from '../../src/answer/answer-features.js';
import { isOutOfScope } from '../../src/answer/answer-decision.js';
import { composeAnswer } from '../../src/answer/compose-answer.js';
import type { ExtractiveInput } from '../../src/answer/answerer.js';
import { refuse } from '../../src/answer/extractive-answerer.js';
import type { ScorerSet } from '../../src/answer/scorer-weights.js';
import { rankUnits, type RankedUnits } from '../../src/answer/unit-ranking.js';
import { holdsKeyFacts, isRightAnswer } from './judge.js';
import { fitLogistic, type Row } from './logistic-regression.js';
import { isAnswerable, type EvalQuestion } from './question-set.js';

export interface FitExample {
  question: EvalQuestion;
  /** The question's evidence as lexical retrieval gives it. */
  lexical: ExtractiveInput;
  /** As hybrid retrieval gives it, with the model's similarity: fits the dense unit model. */
  withModel?: ExtractiveInput;
}

/** A wrong answer, stated with a citation, costs this many right ones: a reader trusts what is cited. */
export const WRONG_ANSWER_COST = 1;
/** A refusal whose related passages hold the answer: the reader finds it one click away. */
export const RELATED_CREDIT = 0.25;
/** Grid points on each side that a threshold's score is averaged over (a spike on few questions does not repeat). */
const THRESHOLD_SMOOTHING = 2;
const DENSE_RERANKED = 8;

const STARTING_POINT: ScorerSet = {
  fittedOn: 'starting point',
  unit: { bias: 0, weights: { unitCoverage: 1 } },
  denseUnit: { bias: 0, weights: { unitCoverage: 1 } },
  answer: { bias: 0, weights: {} },
  threshold: 0,
};

export async function fitScorers(examples: readonly FitExample[], fittedOn: string): Promise<ScorerSet> {
  const positive = (question: EvalQuestion, item: RankedUnits['units'][number]) =>
    isAnswerable(question) && question.sources.includes(item.unit.retrieved.passage.source) && holdsKeyFacts(item.unit.text, question.keyFacts);

  const unitRows: Row[] = [];
  for (const { question, lexical } of examples) {
    for (const item of (await rankUnits(lexical, STARTING_POINT)).onWords) {
      unitRows.push({ x: UNIT_FEATURE_NAMES.map((name) => item.features[name]), y: positive(question, item) ? 1 : 0 });
    }
  }
  const unit = fitLogistic(unitRows, UNIT_FEATURE_NAMES, true);

  const denseNames = [...UNIT_FEATURE_NAMES, ...DENSE_FEATURE_NAMES];
  const denseRows: Row[] = [];
  for (const { question, withModel } of examples) {
    if (!withModel?.similarity) continue;
    for (const item of (await rankUnits(withModel, { ...STARTING_POINT, unit })).units.slice(0, DENSE_RERANKED)) {
      denseRows.push({ x: denseNames.map((name) => item.features[name]), y: positive(question, item) ? 1 : 0 });
    }
  }
  const denseUnit = denseRows.length > 0 ? fitLogistic(denseRows, denseNames, true) : unit;

  const judged: { question: EvalQuestion; features: Record<string, number> | null; answeredRight: boolean; relatedHolds: boolean }[] = [];
  for (const { question, lexical } of examples) {
    const ranked = await rankUnits(lexical, { ...STARTING_POINT, unit });
    const aboveOffTopic = lexical.aboutness.score - lexical.aboutness.offTopicLevel;
    const refusal = refuse(lexical, ranked, 'not_stated');
    const relatedHolds = isAnswerable(question) && (refusal.related ?? []).some((passage) => question.sources.includes(passage.source) && holdsKeyFacts(passage.excerpt, question.keyFacts));
    const features = answerFeatures(ranked, aboveOffTopic);
    if (!features || isOutOfScope(ranked.terms, lexical.aboutness)) {
      judged.push({ question, features: null, answeredRight: false, relatedHolds });
      continue;
    }
    judged.push({ question, features, answeredRight: isRightAnswer(question, composeAnswer(question.question, ranked)) && isAnswerable(question), relatedHolds });
  }
  const answerRows = judged.flatMap(({ features, answeredRight }) => (features ? [{ x: ANSWER_FEATURE_NAMES.map((name) => features[name] ?? 0), y: answeredRight ? 1 : 0 } as Row] : []));
  const answer = fitLogistic(answerRows, ANSWER_FEATURE_NAMES, false);

  const probabilities = judged.map(({ features }) => (features ? logistic(answer, features) : -1));
  const curve: { threshold: number; score: number }[] = [];
  for (let threshold = 0.02; threshold < 0.99; threshold += 0.02) {
    let score = 0;
    judged.forEach(({ question, answeredRight, relatedHolds }, i) => {
      const answers = probabilities[i]! >= threshold;
      if (answers) score += answeredRight ? 1 : -WRONG_ANSWER_COST;
      else score += !isAnswerable(question) ? 1 : relatedHolds ? RELATED_CREDIT : 0;
    });
    curve.push({ threshold, score });
  }
  let best = { threshold: 0.5, score: -Infinity };
  curve.forEach(({ threshold }, i) => {
    const window = curve.slice(Math.max(0, i - THRESHOLD_SMOOTHING), i + THRESHOLD_SMOOTHING + 1);
    const score = window.reduce((sum, point) => sum + point.score, 0) / window.length;
    if (score > best.score) best = { threshold, score };
  });
  return { fittedOn, unit, denseUnit, answer, threshold: Math.round(best.threshold * 100) / 100 };
}
