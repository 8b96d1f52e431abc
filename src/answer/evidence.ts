import { splitSentences } from '../text/sentences.js';
import type { RetrievedPassage } from '../retrieval/hybrid.js';
import { answerTypeIsRequired, expectedAnswerType, questionFocus, sentenceHasAnswerType } from './answer-type.js';

/** Scores how much of a question a sentence covers, from the lexical index's term statistics. */
export interface TermWeights {
  analyze: (text: string) => string[];
  idf: (term: string) => number;
}

export interface ScoredSentence {
  retrieved: RetrievedPassage;
  /** Offsets of the sentence within the passage text. */
  start: number;
  end: number;
  text: string;
  /** IDF-weighted share of the question's terms found in the sentence itself. */
  sentenceCoverage: number;
  /**
   * Whether the sentence, with the one before it (which often names what "elle" or "la cité-État"
   * refers to), holds most of the question's distinctive terms: all of them for one or two terms.
   */
  coversQuestion: boolean;
  /** Sentence coverage blended with its passage's, plus the answer-type bonus. */
  score: number;
}

/** Weight of the sentence's own coverage against that of its whole passage (its context). */
const SENTENCE_WEIGHT = 0.7;
/** A capitalised word that is not the question's first: a name ("Paris", "DevDay", "Mistral"). */
const CAPITALISED_WORD_AFTER_START = /(?<=\S\s+(?:\S+\s+)*)\p{Lu}[\p{L}\p{N}’'-]*/gu;
/** Terms found nearly everywhere (below this IDF, e.g. "OpenAI" in this corpus) tell nothing apart. */
const UBIQUITOUS_IDF = 1;
/** Added when the sentence holds the kind of answer the question asks for (a name for "qui", a figure for "combien"). */
const ANSWER_TYPE_BONUS = 0.1;

/** Every sentence of the retrieved passages, scored by IDF-weighted coverage of the question's terms. */
export function scoreSentences(question: string, retrieved: RetrievedPassage[], weights: TermWeights): ScoredSentence[] {
  const focus = questionFocus(question);
  const questionTerms = [...new Set(weights.analyze(focus))];
  const totalWeight = questionTerms.reduce((sum, term) => sum + weights.idf(term), 0);
  if (questionTerms.length === 0 || totalWeight <= 0) return [];
  const answerType = expectedAnswerType(question);
  const coverage = (terms: Set<string>) =>
    questionTerms.reduce((sum, term) => sum + (terms.has(term) ? weights.idf(term) : 0), 0) / totalWeight;
  const requirement = coverageRequirement(focus, questionTerms, weights);

  return retrieved.flatMap((item) => {
    const passageCoverage = coverage(new Set(weights.analyze(item.passage.text)));
    const titleTerms = weights.analyze(item.passage.title ?? '');
    let previousTerms = new Set<string>();
    return splitSentences(item.passage.text).flatMap(({ start, end }) => {
      const text = item.passage.text.slice(start, end);
      const terms = new Set(weights.analyze(text));
      const context = new Set([...titleTerms, ...previousTerms, ...terms]);
      previousTerms = terms;
      const hasAnswerType = answerType !== null && sentenceHasAnswerType(text, answerType);
      if (answerType && answerTypeIsRequired(answerType) && !hasAnswerType) return [];
      const sentenceCoverage = coverage(terms);
      const typeBonus = hasAnswerType ? ANSWER_TYPE_BONUS : 0;
      const score = SENTENCE_WEIGHT * sentenceCoverage + (1 - SENTENCE_WEIGHT) * passageCoverage + typeBonus;
      return [{ retrieved: item, start, end, text, sentenceCoverage, coversQuestion: requirement.isMetBy(context), score }];
    });
  });
}

/**
 * What the context of a supporting sentence (the sentence, the one before it, which often names
 * what "elle" refers to, and its article's title) must hold: every key term of the question (the
 * names it capitalises and its rarest term) and all but a minority of its other distinctive terms.
 */
function coverageRequirement(focus: string, questionTerms: string[], weights: TermWeights): { isMetBy: (context: Set<string>) => boolean } {
  const distinctive = questionTerms.filter((term) => weights.idf(term) >= UBIQUITOUS_IDF);
  if (distinctive.length === 0) return { isMetBy: () => true };
  const names = [...focus.matchAll(CAPITALISED_WORD_AFTER_START)].flatMap((match) => weights.analyze(match[0]));
  const rarest = distinctive.reduce((best, term) => (weights.idf(term) > weights.idf(best) ? term : best));
  const keyTerms = new Set([rarest, ...names.filter((term) => distinctive.includes(term))]);
  const otherTerms = distinctive.filter((term) => !keyTerms.has(term));
  const allowedMisses = Math.floor(distinctive.length / 3);
  return {
    isMetBy: (context) =>
      [...keyTerms].every((term) => context.has(term)) && otherTerms.filter((term) => !context.has(term)).length <= allowedMisses,
  };
}
