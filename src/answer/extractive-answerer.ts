import type { RetrievedPassage } from '../retrieval/hybrid.js';
import { passageReference } from '../retrieval/passage-reference.js';
import { ABSTENTION_MESSAGES, type AbstentionReason, type Answer, type Citation } from './answer.js';
import { questionTerms, unitFeatures, type Features, type QuestionTerms, type RetrievalContext, type TermWeights } from './answer-features.js';
import { answerFeatures, scoreAnswer, scorerFor, scoreUnit, type ScorerKind } from './answer-scorer.js';
import type { ScorerWeights } from './scorer-weights.js';
import { answerUnits, type AnswerUnit } from './answer-units.js';
import { findConflicts, type Statement } from './conflicts.js';
import { frenchDate } from './relative-dates.js';
import { analyzeQuestion } from './question-analysis.js';

export interface ExtractiveInput {
  question: string;
  retrieved: RetrievedPassage[];
  weights: TermWeights;
  /** With the embedding model loaded: cosine similarity of each text to the question. */
  similarity?: ((texts: string[]) => Promise<number[]>) | undefined;
  /** Weights other than the fitted ones (the fitting script tries thresholds with it). */
  scorer?: ScorerWeights;
}

export interface ScoredUnit {
  unit: AnswerUnit;
  features: Features;
  probability: number;
}

export interface ScoredUnits {
  terms: QuestionTerms;
  weights: TermWeights;
  kind: ScorerKind;
  units: ScoredUnit[];
}

/** With the model, the units ranked best on words are embedded and ranked again with their similarity too. */
const DENSE_RERANK_UNITS = 8;
const MAX_ANSWER_UNITS = 3;
/** A further unit also joins when it covers this share of the question that the chosen ones leave out (two-part questions). */
const MIN_ADDED_COVERAGE = 0.25;
/** No further unit joins below this share of the best unit's probability, whatever it adds. */
const MIN_ADDED_PROBABILITY = 0.5;
/** Passages shown as "related" when the answerer abstains. */
const RELATED_PASSAGES = 3;
/** Below this, no retrieved passage is about the question; above, passages are about it but none answers. */
const ABOUT_THE_QUESTION = 0.5;

/** The answer units of a question's passages with their features before any unit is embedded: computed once per question. */
interface FeaturedUnits {
  terms: QuestionTerms;
  weights: TermWeights;
  context: Omit<RetrievalContext, 'unitDense' | 'bestUnitDense'>;
  units: { unit: AnswerUnit; features: Features }[];
}

function featureUnits(input: ExtractiveInput): FeaturedUnits {
  const weights = memoised(input.weights);
  const terms = questionTerms(analyzeQuestion(input.question), weights);
  const bestLexical = Math.max(0, ...input.retrieved.map((item) => item.lexicalScore ?? 0));
  const denseScores = input.retrieved.flatMap((item) => (item.denseScore === null ? [] : [item.denseScore]));
  const context = { bestLexical, bestDense: denseScores.length > 0 ? Math.max(...denseScores) : null };
  const units = answerUnits(input.retrieved).map((unit, i) => ({
    unit,
    features: unitFeatures(unit, i, terms, weights, { ...context, unitDense: [], bestUnitDense: null }),
  }));
  return { terms, weights, context, units };
}

/** Every answer unit of the retrieved passages with its features and the scorer's probability, best first. */
export async function scoreAnswerUnits(input: ExtractiveInput): Promise<ScoredUnits> {
  return rankUnits(featureUnits(input), input, input.similarity ? 'withModel' : 'lexical');
}

/** Ranks the units with one kind's unit model; with the model, the best ones are embedded and ranked again with their similarity. */
async function rankUnits(featured: FeaturedUnits, input: ExtractiveInput, kind: ScorerKind): Promise<ScoredUnits> {
  const model = (input.scorer ?? scorerFor(kind)).unit;
  const rank = (units: { unit: AnswerUnit; features: Features }[]) =>
    units.map(({ unit, features }) => ({ unit, features, probability: scoreUnit(features, model) })).sort((a, b) => b.probability - a.probability);

  let ranked = rank(featured.units);
  if (kind === 'withModel' && input.similarity && ranked.length > 0) {
    const top = ranked.slice(0, DENSE_RERANK_UNITS).map((scored) => scored.unit);
    const unitDense = await input.similarity(top.map((unit) => unit.text));
    const bestUnitDense = Math.max(...unitDense);
    ranked = rank(top.map((unit, i) => ({ unit, features: unitFeatures(unit, i, featured.terms, featured.weights, { ...featured.context, unitDense, bestUnitDense }) })));
  }
  return { terms: featured.terms, weights: featured.weights, kind, units: ranked };
}

/**
 * Answers without a language model: the units (sentences, list items with what follows them) that
 * the scorer rates most likely to state the answer, each followed by the [n] marker of its passage;
 * or an abstention with the closest passages when the best is below the threshold fitted on dev.
 */
export async function answerExtractively(input: ExtractiveInput): Promise<Answer> {
  const featured = featureUnits(input);
  if (input.similarity && !input.scorer) {
    // Whether to answer is decided on words, by the lexical models: offline, the dense weights can only
    // be fitted with the tiny test model, whose similarities say little about a real model's. The model
    // still chooses the sentences.
    const onWords = await rankUnits(featured, input, 'lexical');
    const lexical = scorerFor('lexical');
    if (answerProbability(onWords, lexical) < lexical.threshold) {
      return featured.terms.analysis.language === 'fr' ? abstain(input, onWords) : answerAcrossLanguages(featured, input);
    }
    const scored = await rankUnits(featured, input, 'withModel');
    return composeAnswer(input, scored, { ...scorerFor('withModel'), threshold: 0 });
  }
  const scored = await rankUnits(featured, input, input.similarity ? 'withModel' : 'lexical');
  return composeAnswer(input, scored, input.scorer ?? scorerFor(scored.kind));
}

/**
 * A question in another language than the articles, with the model loaded: its words match none of
 * the articles', so the fitted models (which weigh word coverage) cannot decide. It is answered with
 * the sentence the model finds closest when two signals that do not depend on the language agree:
 * every name the question gives ("OpenAI", "Europe") is one the corpus uses and stands in that
 * sentence or its context, and that sentence is the closest of the best-ranked ones.
 */
async function answerAcrossLanguages(featured: FeaturedUnits, input: ExtractiveInput): Promise<Answer> {
  const scored = await rankUnits(featured, input, 'withModel');
  const closest = [...scored.units].sort((a, b) => b.features.unitDenseGap - a.features.unitDenseGap)[0];
  const { names, unknownNames } = featured.terms;
  if (!closest || names.length === 0 || unknownNames > 0 || closest.features.namesMissing > 0) return abstain(input, scored);
  return composeAnswer(input, { ...scored, units: [closest] }, { ...scorerFor('withModel'), threshold: 0 });
}

/** The answer, or the abstention, that scored units give under a scorer's threshold and cut-off. */
export function composeAnswer(input: ExtractiveInput, scored: ScoredUnits, scorer: Pick<ScorerWeights, 'answer' | 'threshold' | 'relativeCutoff'>): Answer {
  const best = scored.units[0];
  if (!best || answerProbability(scored, scorer) < scorer.threshold) return abstain(input, scored);

  const withConflicts = withConflictingUnits(scored, chooseUnits(scored, best, scorer.relativeCutoff), best);
  // When sources differ on a figure, each is attributed ("Selon …, au 4 octobre 2024 :") and the most recent comes first.
  // (Each statement's index is its unit's position, to know which units disagree.)
  const positions = findConflicts(withConflicts.map(({ unit }, i) => statementOf(unit, i))).flatMap((conflict) => conflict.values.map((value) => value.index ?? -1));
  const disputed = new Set(withConflicts.filter((_, i) => positions.includes(i)));
  const chosen = disputed.size === 0 ? withConflicts : [...[...disputed].sort(byDateDescending), ...withConflicts.filter((item) => !disputed.has(item))];
  const citations: Citation[] = [];
  const citationOf = new Map<string, Citation>();
  const cite = (unit: AnswerUnit): Citation => {
    const passage = unit.retrieved.passage;
    let citation = citationOf.get(passage.id);
    if (citation === undefined) {
      citation = { index: citations.length + 1, ...passageReference(passage, unit.retrieved.score), highlights: [] };
      citationOf.set(passage.id, citation);
      citations.push(citation);
    }
    citation.highlights.push({ start: unit.start, end: unit.end });
    return citation;
  };
  const parts = sameStoryGroups(scored, chosen, disputed, best).map(({ lead, alsoIn }) => {
    const passage = lead.unit.retrieved.passage;
    const markers = [lead, ...alsoIn].map(({ unit }) => `[${cite(unit).index}]`);
    const attribution = disputed.has(lead) ? `${attributionOf(passage.outlet ?? passage.title ?? passage.source, passage.date, scored.terms.analysis.language)} ` : '';
    return `${attribution}${normaliseWhitespace(lead.unit.text)} ${[...new Set(markers)].join('')}`;
  });
  for (const citation of citations) citation.highlights.sort((a, b) => a.start - b.start);
  const conflicts = findConflicts(chosen.map(({ unit }) => statementOf(unit, citationOf.get(unit.retrieved.passage.id)?.index ?? null)));
  const lead = conflicts.length > 0 ? `${SOURCES_DIFFER[scored.terms.analysis.language]} ` : '';
  return { answer: `${lead}${parts.join(' ')}`, citations, abstained: false, conflicts };
}

const SOURCES_DIFFER = { fr: 'Les sources diffèrent :', en: 'The sources differ:' } as const;
/** Another article tells the same fact when it holds this share of the fact's names, figures and question terms. */
const SAME_FACT_SHARE = 0.8;
const MIN_FACT_KEYS = 3;
const MAX_OTHER_OUTLETS = 3;
const SAME_STORY_CANDIDATES = 12;

/**
 * Several articles of one story tell the same fact: it is quoted once, followed by the citation of
 * each article that tells it (a unit of another article holding nearly all of the quoted unit's
 * names, figures and question terms). A figure the sources disagree on is never merged.
 */
function sameStoryGroups(scored: ScoredUnits, chosen: readonly ScoredUnit[], disputed: ReadonlySet<ScoredUnit>, best: ScoredUnit): { lead: ScoredUnit; alsoIn: ScoredUnit[] }[] {
  const groups: { lead: ScoredUnit; alsoIn: ScoredUnit[]; keys: string[] }[] = [];
  const tellsSame = (group: { lead: ScoredUnit; keys: string[]; alsoIn: ScoredUnit[] }, other: ScoredUnit) => {
    if (disputed.has(group.lead) || disputed.has(other) || group.keys.length < MIN_FACT_KEYS || group.alsoIn.length >= MAX_OTHER_OUTLETS) return false;
    const sources = [group.lead, ...group.alsoIn].map((item) => item.unit.retrieved.passage.source);
    if (sources.includes(other.unit.retrieved.passage.source)) return false;
    const terms = new Set(scored.weights.analyze(other.unit.text));
    return group.keys.filter((key) => terms.has(key)).length / group.keys.length >= SAME_FACT_SHARE;
  };
  for (const item of chosen) {
    const group = groups.find((candidate) => tellsSame(candidate, item));
    if (group) group.alsoIn.push(item);
    else groups.push({ lead: item, alsoIn: [], keys: factKeys(scored, item.unit) });
  }
  const others = scored.units.slice(0, SAME_STORY_CANDIDATES).filter((item) => !chosen.includes(item) && item.probability >= MIN_ADDED_PROBABILITY * best.probability);
  for (const other of others) groups.find((group) => tellsSame(group, other))?.alsoIn.push(other);
  return groups;
}

/** What a quoted fact is made of: its names, its figures and the question terms it holds (analysed terms). */
function factKeys(scored: ScoredUnits, unit: AnswerUnit): string[] {
  const names = unit.text.match(/(?<=\S\s+)\p{Lu}[\p{L}’'-]+/gu) ?? [];
  const figures = unit.text.match(/\d+(?:[,.]\d+)?/gu) ?? [];
  return [...new Set([...scored.weights.analyze([...names, ...figures].join(' ')), ...termsIn(scored, unit)])];
}
const MAX_ATTRIBUTION_TITLE = 60;

/** Most recent article first; undated ones after the dated. */
function byDateDescending(a: ScoredUnit, b: ScoredUnit): number {
  const [x, y] = [a.unit.retrieved.passage.date ?? '', b.unit.retrieved.passage.date ?? ''];
  return x === y ? 0 : x === '' ? 1 : y === '' ? -1 : x < y ? 1 : -1;
}

/** "Selon « OpenAI face à ses défis… », au 4 octobre 2024 :" — the words answers use for who says what, when. */
export function attributionOf(name: string, date: string | null, language: 'fr' | 'en'): string {
  const short = name.length > MAX_ATTRIBUTION_TITLE ? `${name.slice(0, MAX_ATTRIBUTION_TITLE - 1).replace(/\s+\S*$/u, '').replace(/[\s,;:–—-]+$/u, '')}…` : name;
  const day = date ? frenchDate(date) : null;
  return language === 'fr' ? `Selon « ${short} »${day ? `, au ${day}` : ''} :` : `According to "${short}"${day ? `, as of ${day}` : ''}:`;
}
/** Units ranked this high, from other articles, are read for figures that contradict the answer's. */
const CONFLICT_CANDIDATES = 8;

function statementOf(unit: AnswerUnit, index: number | null): Statement {
  const passage = unit.retrieved.passage;
  return { text: unit.text, source: passage.source, date: passage.date, index };
}

/**
 * The chosen units, and any well-ranked unit of another article that gives a different figure for
 * the same thing (one article says 6 billion, another 6.6): the answer then quotes both.
 */
function withConflictingUnits(scored: ScoredUnits, chosen: ScoredUnit[], best: ScoredUnit): ScoredUnit[] {
  const candidates = scored.units
    .slice(0, CONFLICT_CANDIDATES)
    .filter((candidate) => !chosen.includes(candidate) && candidate.probability >= MIN_ADDED_PROBABILITY * best.probability);
  if (candidates.length === 0) return chosen;
  // Index 0 marks the chosen units: only a conflict with what the answer says brings a unit in.
  const statements = [...chosen.map(({ unit }) => statementOf(unit, 0)), ...candidates.map(({ unit }) => statementOf(unit, null))];
  const withAnswer = findConflicts(statements).filter((conflict) => conflict.values.some((value) => value.index === 0));
  const conflicting = new Set(withAnswer.flatMap((conflict) => conflict.values.map((value) => value.source)));
  const added = candidates.filter(({ unit }) => conflicting.has(unit.retrieved.passage.source) && !chosen.some((other) => other.unit.retrieved.passage.source === unit.retrieved.passage.source));
  return [...chosen, ...added.filter((candidate, i) => added.findIndex((other) => other.unit.retrieved.passage.source === candidate.unit.retrieved.passage.source) === i)];
}

/**
 * The best unit, then others close to it in probability, or above the threshold and covering a part
 * of the question the chosen ones leave out (the second half of "Qui a fondé X, et quand ?").
 */
/** The answer model's probability that the best unit answers the question (0 with no unit). */
export function answerProbability(scored: ScoredUnits, scorer: Pick<ScorerWeights, 'answer'>): number {
  const [best, second] = scored.units;
  if (!best) return 0;
  return scoreAnswer(answerFeatures(best.features, best.probability, second?.probability ?? 0), scorer.answer);
}

function chooseUnits(scored: ScoredUnits, best: ScoredUnit, relativeCutoff: number): ScoredUnit[] {
  const chosen = [best];
  const covered = new Set(termsIn(scored, best.unit));
  for (const candidate of scored.units.slice(1)) {
    if (chosen.length >= MAX_ANSWER_UNITS || candidate.probability < MIN_ADDED_PROBABILITY * best.probability) break;
    if (chosen.some((other) => overlaps(other.unit, candidate.unit))) continue;
    const terms = termsIn(scored, candidate.unit);
    const added = terms.filter((term) => !covered.has(term)).reduce((sum, term) => sum + (scored.terms.known.get(term) ?? 0), 0);
    const addsCoverage = scored.terms.knownWeight > 0 && added / scored.terms.knownWeight >= MIN_ADDED_COVERAGE;
    if (candidate.probability < relativeCutoff * best.probability && !addsCoverage) continue;
    for (const term of terms) covered.add(term);
    chosen.push(candidate);
  }
  return chosen;
}

/** The known question terms a unit holds. */
function termsIn(scored: ScoredUnits, unit: AnswerUnit): string[] {
  const unitTerms = new Set(scored.weights.analyze(unit.text));
  return [...scored.terms.known.keys()].filter((term) => unitTerms.has(term));
}

function abstain(input: ExtractiveInput, scored: ScoredUnits): Answer {
  const language = scored.terms.analysis.language;
  const aboutIt = scored.units.some((unit) => unit.features.passageCoverage >= ABOUT_THE_QUESTION) && scored.terms.knownShare >= ABOUT_THE_QUESTION;
  const reason: AbstentionReason = language !== 'fr' && !input.similarity ? 'needs_model' : aboutIt ? 'not_stated' : 'not_in_corpus';
  const related = input.retrieved.slice(0, RELATED_PASSAGES).map((item) => passageReference(item.passage, item.score));
  return { answer: ABSTENTION_MESSAGES[reason][language], citations: [], abstained: true, abstention: { reason }, related };
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

/** Overlapping passages of one article share sentences: the same text twice is one unit. */
function overlaps(a: AnswerUnit, b: AnswerUnit): boolean {
  if (a.retrieved.passage.source !== b.retrieved.passage.source) return false;
  const x = normaliseWhitespace(a.text);
  const y = normaliseWhitespace(b.text);
  return x.includes(y) || y.includes(x);
}

function normaliseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
