/** An extractive answer composed from ranked units: which units, in which order, with which citations. */
import { passageReference } from '../retrieval/index.js';
import type { Answer, Citation } from './cited-answer.js';
import type { AnswerUnit } from './answer-units.js';
import { findConflicts, type Statement } from './conflicts.js';
import { frenchDate } from './relative-dates.js';
import { asksForMore } from './question-analysis.js';
import { sentenceHasAnswerType } from './expected-answer-type.js';
import type { RankedUnits, ScoredUnit } from './unit-ranking.js';

const MAX_ANSWER_UNITS = 3;
/** A further unit joins a question that asks for more when it covers this share of the question that the chosen ones leave out. */
const MIN_ADDED_COVERAGE = 0.25;
/** No further unit joins below this share of the best unit's probability, whatever it adds. */
const MIN_ADDED_PROBABILITY = 0.5;

/**
 * The answer the ranked units give: the best unit (and, when the question asks for more, the units
 * that answer its other parts), each followed by the [n] marker of its passage; figures that other
 * sources give differently for the same subject are quoted beside it, each attributed.
 */
export function composeAnswer(question: string, scored: RankedUnits): Answer {
  const best = scored.units[0];
  if (!best) throw new Error('composeAnswer needs at least one unit');
  const withConflicts = withConflictingUnits(scored, chooseUnits(question, scored, best));
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
function sameStoryGroups(scored: RankedUnits, chosen: readonly ScoredUnit[], disputed: ReadonlySet<ScoredUnit>, best: ScoredUnit): { lead: ScoredUnit; alsoIn: ScoredUnit[] }[] {
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
function factKeys(scored: RankedUnits, unit: AnswerUnit): string[] {
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
/** A unit that may state a sum or a share: only those are read for figures that contradict the answer's. */
const HAS_FIGURE = /\d/u;

function statementOf(unit: AnswerUnit, index: number | null): Statement {
  const passage = unit.retrieved.passage;
  return { text: unit.text, source: passage.source, date: passage.date, index };
}

/**
 * The chosen units, and any well-ranked unit of another article that gives a different figure for
 * the same thing (one article says 6 billion, another 6.6): the answer then quotes both.
 */
function withConflictingUnits(scored: RankedUnits, chosen: ScoredUnit[]): ScoredUnit[] {
  // Every unit of the retrieved passages that gives a figure, whatever its rank: a figure about the same
  // subject (same names, same measure) is found however the question was worded.
  const chosenSources = new Set(chosen.map((item) => item.unit.retrieved.passage.source));
  const candidates = scored.units.filter((candidate) => !chosen.includes(candidate) && !chosenSources.has(candidate.unit.retrieved.passage.source) && HAS_FIGURE.test(candidate.unit.text));
  if (candidates.length === 0) return chosen;
  // Index 0 marks the chosen units: only a conflict with what the answer says brings a unit in.
  const statements = [...chosen.map(({ unit }) => statementOf(unit, 0)), ...candidates.map(({ unit }) => statementOf(unit, null))];
  const withAnswer = findConflicts(statements).filter((conflict) => conflict.values.some((value) => value.index === 0));
  const conflicting = new Set(withAnswer.flatMap((conflict) => conflict.values.map((value) => value.source)));
  const added = candidates.filter(({ unit }) => conflicting.has(unit.retrieved.passage.source) && !chosen.some((other) => other.unit.retrieved.passage.source === unit.retrieved.passage.source));
  return [...chosen, ...added.filter((candidate, i) => added.findIndex((other) => other.unit.retrieved.passage.source === candidate.unit.retrieved.passage.source) === i)];
}

/**
 * The best unit, with the steps that follow it for a how-to question, or the runner-up of the same
 * article when the two are rated alike. A question that asks for more ("Qui a fondé X, et quand ?",
 * "Quelles sont les étapes… ?") also gets units close to it in probability that cover a part of the
 * question the chosen ones leave out. Never a sentence of another article only to pad the answer.
 */
function chooseUnits(question: string, scored: RankedUnits, best: ScoredUnit): ScoredUnit[] {
  const chosen = [best, ...nextSteps(question, scored, best)];
  if (!asksForMore(question)) {
    const runnerUp = scored.units[1];
    const close = runnerUp !== undefined && runnerUp.probability >= RUNNER_UP_SHARE * best.probability;
    if (chosen.length === 1 && close && runnerUp.unit.retrieved.passage.source === best.unit.retrieved.passage.source && !overlaps(best.unit, runnerUp.unit)) chosen.push(runnerUp);
    return chosen;
  }
  const covered = new Set(termsIn(scored, best.unit));
  for (const candidate of scored.units.slice(1)) {
    if (chosen.length >= MAX_ANSWER_UNITS || candidate.probability < MIN_ADDED_PROBABILITY * best.probability) break;
    if (chosen.some((other) => overlaps(other.unit, candidate.unit))) continue;
    const terms = termsIn(scored, candidate.unit);
    const added = terms.filter((term) => !covered.has(term)).reduce((sum, term) => sum + (scored.terms.known.get(term) ?? 0), 0);
    if (scored.terms.knownWeight === 0 || added / scored.terms.knownWeight < MIN_ADDED_COVERAGE) continue;
    for (const term of terms) covered.add(term);
    chosen.push(candidate);
  }
  return chosen;
}

/** "Comment faire… ?", "How do I… ?": the question asks for a way of doing, whose steps follow one another. */
const ASKS_HOW = /\bcomment\b(?!\s+s['’]appel)|\bde\s+quelle\s+(?:façon|facon|manière|maniere)\b|\bhow\s+(?:do|can|to|should|does)\b/iu;
const MAX_NEXT_STEPS = 2;
/**
 * The runner-up unit joins the best when it is rated nearly as likely and comes from the same
 * article: the reader gets both candidates, each cited, instead of a coin toss between them. (Dev:
 * questions whose answer holds the facts 62 → 70 of 182; from any article, no more and more wrong.)
 */
const RUNNER_UP_SHARE = 0.9;

/**
 * To a how-to question, the steps that follow the best unit in its passage, as long as each is a step
 * (it tells what to choose, click or type): "Sélectionnez l'objet…" is followed by "Choisissez
 * Diaporama - Animation personnalisée." A sentence that is not a step ends the procedure.
 */
function nextSteps(question: string, scored: RankedUnits, best: ScoredUnit): ScoredUnit[] {
  if (!ASKS_HOW.test(question) || !sentenceHasAnswerType(best.unit.text, 'procedure')) return [];
  const passage = best.unit.retrieved.passage.id;
  const following = scored.units.filter((item) => item.unit.retrieved.passage.id === passage && item.unit.start >= best.unit.end).sort((a, b) => a.unit.start - b.unit.start);
  const steps: ScoredUnit[] = [];
  let end = best.unit.end;
  for (const item of following) {
    if (steps.length >= MAX_NEXT_STEPS || !/^\s*$/u.test(item.unit.retrieved.passage.text.slice(end, item.unit.start)) || !sentenceHasAnswerType(item.unit.text, 'procedure')) break;
    steps.push(item);
    end = item.unit.end;
  }
  return steps;
}

/** The known question terms a unit holds. */
function termsIn(scored: RankedUnits, unit: AnswerUnit): string[] {
  const unitTerms = new Set(scored.weights.analyze(unit.text));
  return [...scored.terms.known.keys()].filter((term) => unitTerms.has(term));
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
