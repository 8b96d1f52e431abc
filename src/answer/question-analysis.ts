/** What a question asks for, in French or English, read from its wording alone. */
import { ENGLISH_QUESTIONS, FRENCH_QUESTIONS, QUESTION_KINDS, type QuestionKind } from '../text/index.js';

export type AnswerType = QuestionKind;
export type QuestionLanguage = 'fr' | 'en';

export interface QuestionAnalysis {
  language: QuestionLanguage;
  answerType: AnswerType | null;
  /** The question without the phrases that say what it asks for ("en quelle année", "how much"): what an answer talks about. */
  focus: string;
  /**
   * The noun of "Quel est le salaire de X ?", "Quel âge a X ?", "What is the address of X?": the
   * attribute asked about, which an answer names (unless the answer type already says what it is).
   */
  askedAttribute: string | null;
}

const LANGUAGES = [FRENCH_QUESTIONS, ENGLISH_QUESTIONS];
const ATTRIBUTE_PATTERNS: RegExp[] = LANGUAGES.flatMap((language) => language.attributes.map((source) => new RegExp(source, 'iu')));

/** First match wins: the more specific wordings come before "qui" / "what" (src/text/lexicon/question-wording.ts). */
const QUESTION_PATTERNS: [AnswerType, RegExp][] = QUESTION_KINDS.map((kind) => [kind, new RegExp(LANGUAGES.flatMap((language) => language.kinds[kind]).join('|'), 'iu')]);

/** Phrases that say what kind of answer is wanted: words an answering sentence does not contain. */
const ASKING_PHRASES: RegExp[] = LANGUAGES.flatMap((language) => language.askingPhrases.map((source) => new RegExp(source, 'giu')));

/** Frequent function words: a question with several English ones and few French ones is English. */
const ENGLISH_WORDS = new Set(ENGLISH_QUESTIONS.functionWords);
const FRENCH_WORDS = new Set(FRENCH_QUESTIONS.functionWords);

export function detectLanguage(question: string): QuestionLanguage {
  const words = question.toLowerCase().match(/[\p{L}’']+/gu) ?? [];
  let english = 0;
  let french = 0;
  for (const word of words) {
    const bare = word.replace(/^(?:l|d|qu|n|s|c|j)['’]/u, '');
    if (ENGLISH_WORDS.has(word)) english += 1;
    if (FRENCH_WORDS.has(bare) || bare !== word) french += 1;
  }
  return english >= 2 && english > french ? 'en' : 'fr';
}

export function analyzeQuestion(question: string): QuestionAnalysis {
  const answerType = QUESTION_PATTERNS.find(([, pattern]) => pattern.test(question))?.[0] ?? null;
  const focus = ASKING_PHRASES.reduce((text, phrase) => text.replace(phrase, ' '), question);
  return { language: detectLanguage(question), answerType, focus, askedAttribute: askedAttributeOf(question, answerType) };
}

function askedAttributeOf(question: string, answerType: AnswerType | null): string | null {
  for (const pattern of ATTRIBUTE_PATTERNS) {
    const match = pattern.exec(question);
    if (!match?.[1]) continue;
    // "Quel montant…", "Quelle ville…": the answer type says what it is, and answers do not name it.
    const typeMatch = QUESTION_PATTERNS.find(([type]) => type === answerType)?.[1].exec(question)?.[0] ?? '';
    return typeMatch.toLowerCase().includes(match[1].toLowerCase()) ? null : match[1];
  }
  return null;
}

/** A second question joined to the first: "…, et quand ?", "…, puis comment… ?", "…; where…?". */
const SECOND_QUESTION = /(?:,|;|\bet|\bpuis|\bainsi\s+que|\band|\bthen)\s+(?:(?:à|a|de|dans|par|pour|en|in|to|on)\s+)?(?:qui|quoi|quel(?:le)?s?|lequel|laquelle|quand|où|comment|pourquoi|combien|que|qu['’]|who|what|when|where|why|how|which)\b/iu;
/** A question that asks for several things: steps, a list, two parts. */
const ASKS_FOR_SEVERAL = /\bpuis\b|\bd['’]une\s+part\b|\b(?:quels|quelles)\s+sont\s+les\b|\b(?:étapes|etapes)\b|\bénumér|\bcitez\b|\bwhat\s+are\s+the\b|\bsteps\b|\bboth\b|\blist\b/iu;

/** Whether one sentence cannot answer the question: it asks two things, a list or steps. */
export function asksForMore(question: string): boolean {
  return SECOND_QUESTION.test(question) || ASKS_FOR_SEVERAL.test(question);
}
