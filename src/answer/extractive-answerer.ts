/**
 * Answers without a language model: the unit (sentence, list item with what follows it) that the
 * scorer rates most likely to state the answer, followed by the [n] marker of its passage; or a
 * refusal that says why, with the closest passages.
 */
import { passageReference } from '../retrieval/index.js';
import { ABSTENTION_MESSAGES, type AbstentionReason, type Answer } from './cited-answer.js';
import { decide } from './answer-decision.js';
import type { Answerer, ExtractiveInput } from './answerer.js';
import { SHIPPED_SCORERS } from './answer-scorer.js';
import { composeAnswer } from './compose-answer.js';
import { rankUnits, type RankedUnits, type RankingInput } from './unit-ranking.js';


/** Passages shown as "related" when the answerer refuses. */
const RELATED_PASSAGES = 5;

export async function answerExtractively(input: ExtractiveInput): Promise<Answer> {
  const ranked = await rankUnits(input, input.scorers ?? SHIPPED_SCORERS);
  const decision = decide(ranked, input.scorers ?? SHIPPED_SCORERS, input.aboutness);
  if (!decision.answer) return refuse(input, ranked, decision.reason);
  return composeAnswer(input.question, ranked);
}

/** The units of the retrieved passages ranked by the shipped scorer (the LLM answerer orders its passages by them). */
export function scoreAnswerUnits(input: RankingInput): Promise<RankedUnits> {
  return rankUnits(input, SHIPPED_SCORERS);
}

/**
 * A refusal in the question's language, with the passages closest to answering: those of the best
 * units first, then the rest in retrieval order. A refusal beside the right passage still helps.
 */
export function refuse(input: RankingInput, ranked: RankedUnits, reason: AbstentionReason): Answer {
  const language = ranked.terms.analysis.language;
  const order = [...new Set([...ranked.units.map((scored) => scored.unit.retrieved), ...input.retrieved])];
  const related = order.slice(0, RELATED_PASSAGES).map((item) => passageReference(item.passage, item.score));
  return { answer: ABSTENTION_MESSAGES[reason][language], citations: [], abstained: true, abstention: { reason }, related };
}

/** The extractive answerer behind the Answerer interface. */
export const extractiveAnswerer: Answerer = {
  kind: 'extractive',
  answer: (input) => answerExtractively(input),
};
