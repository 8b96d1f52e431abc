/** The answer units of a question's passages, with their features, ranked by the unit models. */
import { analyzeQuestion } from './question-analysis.js';
import { questionTerms, unitFeatures, type Features, type QuestionTerms, type RetrievalContext, type TermWeights } from './answer-features.js';
import { logistic } from './logistic.js';
import { answerUnits, type AnswerUnit } from './answer-units.js';
import type { ScorerSet } from './scorer-weights.js';
import type { RetrievedPassage } from '../retrieval/index.js';

export interface RankingInput {
  question: string;
  /** The question's words as the French index reads them (an English question's carried into French); the question when absent. */
  lexicalQuestion?: string;
  retrieved: RetrievedPassage[];
  weights: TermWeights;
  /** With the embedding model loaded: cosine similarity of each text to the question. */
  similarity?: ((texts: string[]) => Promise<number[]>) | undefined;
}

export interface ScoredUnit {
  unit: AnswerUnit;
  features: Features;
  probability: number;
}

export interface RankedUnits {
  terms: QuestionTerms;
  weights: TermWeights;
  /** Best first: on words, then (with the model) the best ones again with their similarity. */
  units: ScoredUnit[];
  /** The ranking on words alone: what the decision to answer reads, with or without the model. */
  onWords: ScoredUnit[];
}

/** With the model, the units ranked best on words are embedded and ranked again with their similarity too. */
const DENSE_RERANK_UNITS = 8;

/** Every answer unit of the retrieved passages with its features and probabilities, best first. */
export async function rankUnits(input: RankingInput, scorers: ScorerSet): Promise<RankedUnits> {
  const weights = memoised(input.weights);
  const analysis = analyzeQuestion(input.question);
  const lexicalAnalysis = input.lexicalQuestion && input.lexicalQuestion !== input.question ? { ...analyzeQuestion(input.lexicalQuestion), language: analysis.language, answerType: analysis.answerType } : analysis;
  const terms = questionTerms(lexicalAnalysis, weights);
  const bestLexical = Math.max(0, ...input.retrieved.map((item) => item.lexicalScore ?? 0));
  const byDense = input.retrieved.filter((item) => item.denseScore !== null).sort((a, b) => (b.denseScore ?? 0) - (a.denseScore ?? 0));
  const context: RetrievalContext = { bestLexical, denseRankOf: new Map(byDense.map((item, rank) => [item.passage.id, rank])), unitDense: [] };
  const units = answerUnits(input.retrieved);
  const featured = units.map((unit) => ({ unit, features: unitFeatures(unit, -1, terms, weights, context) }));
  // How far each unit's coverage falls short of the best unit's: a share means more beside the others'.
  const bestCoverage = Math.max(0, ...featured.map(({ features }) => features.unitCoverage));
  for (const { features } of featured) features.coverageGap = features.unitCoverage - bestCoverage;
  const onWords = featured.map(({ unit, features }) => ({ unit, features, probability: logistic(scorers.unit, features) })).sort((a, b) => b.probability - a.probability);
  if (!input.similarity || onWords.length === 0) return { terms, weights, units: onWords, onWords };

  const top = onWords.slice(0, DENSE_RERANK_UNITS);
  const unitDense = await input.similarity(top.map(({ unit }) => unit.text));
  const reranked = top
    .map(({ unit, features: onWordsFeatures }, i) => {
      // The gap to the best unit's coverage is a word feature: the one measured over every unit.
      const features = { ...unitFeatures(unit, i, terms, weights, { ...context, unitDense }), coverageGap: onWordsFeatures.coverageGap };
      return { unit, features, probability: logistic(scorers.denseUnit, features) };
    })
    .sort((a, b) => b.probability - a.probability);
  return { terms, weights, units: [...reranked, ...onWords.slice(DENSE_RERANK_UNITS)], onWords };
}

/** One question analyses the same passage and sentence texts many times: analyse each once. */
function memoised(weights: TermWeights): TermWeights {
  const cache = new Map<string, string[]>();
  return {
    ...weights,
    analyze: (text) => {
      let terms = cache.get(text);
      if (terms === undefined) cache.set(text, (terms = weights.analyze(text)));
      return terms;
    },
  };
}
