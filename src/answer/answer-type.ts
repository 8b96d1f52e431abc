/** What kind of answer a French question asks for, when its wording says so. */
export type AnswerType = 'person' | 'number' | 'date';

/**
 * Phrases that ask for a date ("en quelle année", "quel jour"): they make a date question, and
 * they are not words a supporting sentence contains, so `questionFocus` removes them.
 */
const DATE_PHRASE = /(?:\b(?:en|à|a|de|depuis)\s+)?\bquel(?:le)?s?\s+(?:année|annee|date|jour|mois)\b/iu;

const QUESTION_PATTERNS: [AnswerType, RegExp][] = [
  ['person', /^\s*(?:et\s+)?(?:(?:à|a|de|par|pour|avec)\s+)?qui\b/iu],
  ['number', /\bcombien\b|\bquel(?:le)?s?\s+(?:est\s+le\s+|sont\s+les\s+)?(?:montant|nombre|somme|chiffre|prix|coût|cout)\b/iu],
  ['date', new RegExp(`\\bquand\\b|${DATE_PHRASE.source}`, 'iu')],
];

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';

const SENTENCE_PATTERNS: Record<AnswerType, RegExp> = {
  // Two capitalised words in a row, not at the very start of the sentence: "Julie Lavet", "Sam Altman".
  person: /(?<!^)(?<![.!?]\s)\b\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}[\p{Ll}’'-]+/u,
  // A figure in digits or in words: "6,6 milliards", "près d’un milliard d’euros".
  number: /\d|\b(?:millions?|milliards?|mille|centaines?|dizaines?|douzaines?)\b/iu,
  date: new RegExp(`\\b(?:\\d{1,2}(?:er)?\\s+(?:${MONTHS})|(?:${MONTHS})\\s+\\d{4}|(?:19|20)\\d{2}|fin\\s+(?:d[’']|de\\s+l[’'])ann[ée]e)\\b`, 'iu'),
};

/** A "quand" question is not answered by a sentence without a date, nor a "combien" by one without a figure. */
export function answerTypeIsRequired(type: AnswerType): boolean {
  return type === 'date' || type === 'number';
}

export function expectedAnswerType(question: string): AnswerType | null {
  return QUESTION_PATTERNS.find(([, pattern]) => pattern.test(question))?.[0] ?? null;
}

export function sentenceHasAnswerType(sentence: string, type: AnswerType): boolean {
  return SENTENCE_PATTERNS[type].test(sentence);
}

/** "avoir lieu" (to take place) says that something happens, not what: "Quand aura lieu le DevDay ?". */
const TAKES_PLACE = /\b(?:a|aura|auront|avait|avaient|aurait|auraient|ont|ait|a\s+eu|ont\s+eu)(?:-t-(?:il|elle|ils|elles))?\s+lieu\b/giu;

/** The question without its answer-type phrases and idioms: what a supporting sentence must talk about. */
export function questionFocus(question: string): string {
  return question.replace(new RegExp(DATE_PHRASE.source, 'giu'), ' ').replace(TAKES_PLACE, ' ');
}
