/** What kind of answer a French question asks for, when its wording says so. */
export type AnswerType = 'person' | 'number' | 'date';

const QUESTION_PATTERNS: [AnswerType, RegExp][] = [
  ['person', /^\s*(?:et\s+)?(?:(?:à|a|de|par|pour|avec)\s+)?qui\b/iu],
  ['number', /\bcombien\b|\bquel(?:le)?s?\s+(?:est\s+le\s+|sont\s+les\s+)?(?:montant|nombre|somme|chiffre|valorisation|prix|coût|part)\b/iu],
  ['date', /\bquand\b|\b(?:quelle|à quelle)\s+date\b|\ben\s+quelle\s+année\b|\bdepuis\s+quand\b/iu],
];

const MONTHS = 'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre';

const SENTENCE_PATTERNS: Record<AnswerType, RegExp> = {
  // Two capitalised words in a row, not at the very start of the sentence: "Julie Lavet", "Sam Altman".
  person: /(?<!^)(?<![.!?]\s)\b\p{Lu}[\p{Ll}’'-]+\s+\p{Lu}[\p{Ll}’'-]+/u,
  number: /\d/u,
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

/** Words that only say which kind of answer is wanted ("en quelle année") and are not to be found in it. */
const ANSWER_TYPE_PHRASES = /\b(?:en|à|a|de|depuis)?\s*quel(?:le)?s?\s+(?:année|annee|date|jour|mois)\b/giu;

/** The question without its answer-type phrases: what a supporting sentence must talk about. */
export function questionFocus(question: string): string {
  return question.replace(ANSWER_TYPE_PHRASES, ' ');
}
