/**
 * The few features the answer scorer combines for each unit. They are shares and gaps, not raw
 * scores, so that weights fitted on one corpus mean the same on another.
 */
import { sentenceHasAnswerType } from './expected-answer-type.js';
import type { AnswerUnit } from './answer-units.js';
import type { QuestionAnalysis } from './question-analysis.js';
import { FRENCH_STOP_WORDS } from '../text/index.js';

/** Term statistics of the lexical index. */
export interface TermWeights {
  analyze: (text: string) => string[];
  idf: (term: string) => number;
  /** Passages holding the term; 0 when the corpus never uses it. */
  documentFrequency: (term: string) => number;
  /** Whether the corpus uses a term that begins with this one ("mac" in a corpus that says "macOS"). */
  hasTermStartingWith?: (prefix: string) => boolean;
}

/** Features of a unit read on words: what the unit model ranks with. */
export const UNIT_FEATURE_NAMES = [
  'unitCoverage',
  'contextCoverage',
  'coverageGap',
  'proximity',
  'typePresent',
  'typeAbsent',
  'namesMissing',
  'attributeMissing',
  'lexicalGap',
  'passageRank',
  'novelty',
  'shortLine',
] as const;
/** With the model: the similarity as ranks and z-scores among the candidates, never as a raw cosine (a real model's cosines sit in a narrow band of their own). */
export const DENSE_FEATURE_NAMES = ['unitDenseRank', 'unitDenseZ', 'passageDenseRank'] as const;
export const FEATURE_NAMES = [...UNIT_FEATURE_NAMES, ...DENSE_FEATURE_NAMES, 'knownShare'] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type Features = Record<FeatureName, number>;

/** What the question contributes to every unit's features, computed once. */
export interface QuestionTerms {
  analysis: QuestionAnalysis;
  /** Distinct question terms the corpus uses, with their idf. A term the corpus never uses cannot be matched, so it never counts. */
  known: Map<string, number>;
  knownWeight: number;
  knownShare: number;
  /** Known terms of the names the question capitalises ("Mistral", "DevDay"). */
  names: string[];
  /** Terms of the attribute asked about ("salaire"), and whether the corpus uses them at all. */
  attribute: { terms: string[]; known: boolean } | null;
  /**
   * How many of the names it capitalises the corpus never uses, not even as the start of a longer
   * word ("Lyon" in a corpus that never names it; not "Mac" where it says "macOS"). Acronyms do not
   * count: a corpus often spells them out ("CTO" for "directrice technique").
   */
  unknownNames: number;
  /** Known question terms in question order, for proximity. */
  ordered: string[];
}

/** A capitalised word, after an elision or not ("Paris", "l’Australie", "d'Apple"). */
const CAPITALISED_WORD = /(?<![\p{L}\p{N}’'-])(?:(?:[lLdDjJnNsSmMtTcC]|[qQ]u)['’])?(\p{Lu}[\p{L}\p{N}’'-]*)/gu;
/** What ends a sentence: the word after it is capitalised because it opens one, not because it is a name. */
const SENTENCE_END_BEFORE = /(?:^|[.!?:;…]|\n)\s*$/u;
const QUESTION_OPENING = /^(?:qui|que|qu['’]\p{L}*|quoi|quel|quelle|quels|quelles|quand|où|comment|pourquoi|combien|lequel|laquelle|est-ce|et|mais|selon|who|what|when|where|why|how|which|is|are|does|did|do|can|could|should|will|would)$/iu;
/** An imperative ("Citez", "Donnez", "Expliquez") opens a question the way a question word does. */
const IMPERATIVE = /ez$/u;
/** An acronym: capitals and digits only ("CTO", "PDF", "H2"). */
const ACRONYM = /^[\p{Lu}\p{N}]+$/u;
/** A name this long or longer is known when a corpus word begins with it. */
const MIN_PREFIX_NAME = 3;
/** Window (in terms) within which two question terms next to each other count as kept together. */
const PROXIMITY_WINDOW = 4;

export function questionTerms(analysis: QuestionAnalysis, weights: TermWeights): QuestionTerms {
  const all = [...new Set(weights.analyze(analysis.focus))];
  const known = new Map(all.filter((term) => weights.documentFrequency(term) > 0).map((term) => [term, weights.idf(term)]));
  const totalWeight = all.reduce((sum, term) => sum + weights.idf(term), 0);
  const knownWeight = [...known.values()].reduce((sum, w) => sum + w, 0);
  const { capitalised, opening } = capitalisedWords(analysis.focus);
  const allNames = [...new Set([...opening, ...capitalised].flatMap((word) => weights.analyze(word)))];
  const names = allNames.filter((term) => known.has(term));
  const unknownNames = new Set(
    capitalised
      .filter((word) => !ACRONYM.test(word))
      .flatMap((word) => weights.analyze(word))
      .filter((term) => !known.has(term) && !(term.length >= MIN_PREFIX_NAME && weights.hasTermStartingWith?.(term))),
  ).size;
  return {
    analysis,
    known,
    knownWeight,
    knownShare: totalWeight > 0 ? knownWeight / totalWeight : 0,
    names,
    unknownNames,
    attribute: attributeOf(analysis, weights),
    ordered: weights.analyze(analysis.focus).filter((term) => known.has(term)),
  };
}

/**
 * The capitalised words of a question that are names: those inside a sentence ("Paris", "DevDay",
 * "l'Australie"); and its opening word apart, since it may be a name ("Google a ouvert son siège…")
 * or a verb ("Existe-t-il…", "Citez…"): it counts among the names matched when the corpus uses it,
 * never among the unknown ones.
 */
function capitalisedWords(focus: string): { capitalised: string[]; opening: string[] } {
  const capitalised: string[] = [];
  const opening: string[] = [];
  for (const match of focus.matchAll(CAPITALISED_WORD)) {
    const word = match[1]!;
    if (!SENTENCE_END_BEFORE.test(focus.slice(0, match.index))) capitalised.push(word);
    else if (match[0] === word && !/[-'’]/u.test(word) && !FRENCH_STOP_WORDS.has(word.toLowerCase()) && !QUESTION_OPENING.test(word) && !IMPERATIVE.test(word)) opening.push(word);
  }
  return { capitalised, opening };
}

function attributeOf(analysis: QuestionAnalysis, weights: TermWeights): QuestionTerms['attribute'] {
  if (analysis.askedAttribute === null) return null;
  const terms = weights.analyze(analysis.askedAttribute);
  if (terms.length === 0) return null;
  return { terms, known: terms.some((term) => weights.documentFrequency(term) > 0) };
}

export interface RetrievalContext {
  bestLexical: number;
  /** Each passage's rank by dense similarity among the retrieved (by passage id), when the model is loaded. */
  denseRankOf: ReadonlyMap<string, number>;
  /** Cosine similarity of each unit to the question, when the model is loaded (same order as the units; empty without it). */
  unitDense: number[];
}

export function unitFeatures(unit: AnswerUnit, unitIndex: number, q: QuestionTerms, weights: TermWeights, retrieval: RetrievalContext): Features {
  const unitTerms = weights.analyze(unit.text);
  const unitSet = new Set(unitTerms);
  const contextSet = new Set([...unitTerms, ...weights.analyze(unit.previousText), ...weights.analyze(unit.retrieved.passage.title ?? ''), ...weights.analyze(unit.retrieved.passage.section ?? '')]);
  const coverage = (terms: Set<string>) =>
    q.knownWeight > 0 ? [...q.known].reduce((sum, [term, idf]) => sum + (terms.has(term) ? idf : 0), 0) / q.knownWeight : 0;
  const type = q.analysis.answerType;
  const typed = type !== null && type !== 'yesno';
  const hasType = typed && sentenceHasAnswerType(unit.text, type);
  const novel = unitTerms.filter((term) => !q.known.has(term)).length;
  const lexical = unit.retrieved.lexicalScore ?? 0;
  const dense = denseStanding(retrieval.unitDense, unitIndex);
  const passageDenseRank = retrieval.denseRankOf.get(unit.retrieved.passage.id);
  return {
    unitCoverage: coverage(unitSet),
    contextCoverage: coverage(contextSet),
    coverageGap: 0,
    knownShare: q.knownShare,
    namesMissing: q.names.length === 0 ? 0 : q.names.filter((term) => !contextSet.has(term)).length / q.names.length,
    attributeMissing: q.attribute !== null && (!q.attribute.known || !q.attribute.terms.some((term) => contextSet.has(term))) ? 1 : 0,
    typePresent: hasType ? 1 : 0,
    typeAbsent: typed && !hasType ? 1 : 0,
    novelty: unitTerms.length === 0 ? 0 : novel / unitTerms.length,
    proximity: proximity(q.ordered, unitTerms),
    lexicalGap: retrieval.bestLexical > 0 ? lexical / retrieval.bestLexical - 1 : -1,
    passageRank: 1 / (1 + unit.passageRank),
    shortLine: unit.isShortLine ? 1 : 0,
    unitDenseRank: dense.rank,
    unitDenseZ: dense.z,
    passageDenseRank: passageDenseRank === undefined ? 0 : 1 / (1 + passageDenseRank),
  };
}

/** A unit's similarity among the candidates': 1 / (1 + its rank), and its z-score (both 0 without the model). */
function denseStanding(similarities: readonly number[], index: number): { rank: number; z: number } {
  const own = similarities[index];
  if (own === undefined) return { rank: 0, z: 0 };
  const mean = similarities.reduce((sum, value) => sum + value, 0) / similarities.length;
  const deviation = Math.sqrt(similarities.reduce((sum, value) => sum + (value - mean) ** 2, 0) / similarities.length);
  return { rank: 1 / (1 + similarities.filter((value) => value > own).length), z: deviation > 0 ? (own - mean) / deviation : 0 };
}

/** Share of the question's neighbouring term pairs that also stand close together in the unit. */
function proximity(questionOrder: string[], unitTerms: string[]): number {
  const pairs: [string, string][] = [];
  for (let i = 1; i < questionOrder.length; i += 1) {
    const pair: [string, string] = [questionOrder[i - 1]!, questionOrder[i]!];
    if (pair[0] !== pair[1]) pairs.push(pair);
  }
  if (pairs.length === 0) return 0;
  const positions = new Map<string, number[]>();
  unitTerms.forEach((term, i) => positions.set(term, [...(positions.get(term) ?? []), i]));
  const close = pairs.filter(([a, b]) => (positions.get(a) ?? []).some((i) => (positions.get(b) ?? []).some((j) => Math.abs(i - j) <= PROXIMITY_WINDOW)));
  return close.length / pairs.length;
}
