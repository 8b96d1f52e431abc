import { FRENCH_STOP_WORDS } from '../text/index.js';
import { alternation, FRENCH, impersonalIlPattern } from '../text/index.js';
import type { ConversationTurn } from './answerer.js';

export interface RewrittenQuestion {
  /** The question that retrieval and the answerer read. */
  query: string;
  rewritten: boolean;
}

const words = FRENCH;
/** "Et à Bruxelles ?", "Et pour Google ?": the same question about something else (a short question only). */
const ELLIPSIS = new RegExp(`^\\s*${alternation(words.ellipsisOpeners)}\\s+(?:(${alternation(words.prepositions)})\\s+)?(.+?)[\\s?!.]*$`, 'iu');
const MAX_ELLIPSIS_WORDS = 5;
/** A subject or demonstrative pronoun standing alone ("il", "elle", "celle-ci"), not the "-il" of "a-t-il". */
const PRONOUN = new RegExp(`(?:^|\\s)${alternation(words.standInPronouns)}(?=[\\s?,.!]|$)`, 'iu');
/** "Qui le dirigera ?", "Quand l'ouvrira-t-elle ?": an object pronoun right after the question word. */
const OBJECT_PRONOUN = new RegExp(`^\\s*(?:et\\s+)?${alternation(words.interrogatives)}\\s+${alternation(words.objectPronouns)}\\s*\\p{L}`, 'iu');
/** "Que pense-t-il… ?", "Pourquoi a-t-elle… ?": the subject is a pronoun after the verb. */
const INVERTED_PRONOUN = new RegExp(`\\p{L}-(?:t-)?${alternation(words.subjectPronouns)}(?![\\p{L}])`, 'iu');
const PREPOSITION_BEFORE = new RegExp(`(?:^|\\s)${alternation(words.prepositions)}\\s*$`, 'iu');
/** Capitalised words; the question's first word counts unless it is a question word. */
const NAME = /(?<![\p{L}\p{N}’'-])\p{Lu}[\p{L}\p{N}’'-]*(?:\s+\p{Lu}[\p{L}\p{N}’'-]*)*/gu;
const QUESTION_WORD = new RegExp(`^${alternation(words.questionWords)}$`, 'iu');
const MAX_CARRIED = 6;
const IMPERSONAL_IL = impersonalIlPattern(words);

/**
 * Whether a question leans on an earlier one: a short ellipsis ("Et à Bruxelles ?"), or a pronoun
 * that stands for something named before ("Quel poste occupe-t-elle ?"), in a question that names
 * nothing of its own. The impersonal "il" never makes one.
 */
export function leansOnPrevious(question: string): boolean {
  const ellipsis = ELLIPSIS.exec(question);
  const ellipsisWords = wordsOf(ellipsis?.[2] ?? '');
  if (ellipsis !== null && ellipsisWords.length <= MAX_ELLIPSIS_WORDS && ellipsisWords.every((word) => /^\p{Lu}/u.test(word) || FRENCH_STOP_WORDS.has(word.toLowerCase()))) return true;
  const personal = question.replace(IMPERSONAL_IL, ' ');
  return (PRONOUN.test(personal) || OBJECT_PRONOUN.test(personal) || INVERTED_PRONOUN.test(personal)) && namesOf(question).length === 0;
}

/**
 * A follow-up rewritten into a question that stands on its own, by rules:
 * - a short ellipsis ("Et à Bruxelles ?") after "Qui dirigera le bureau de Paris ?" becomes "Qui
 *   dirigera le bureau de Bruxelles ?": the previous question's last name after a preposition is
 *   replaced (the last name at all when the ellipsis has none: "Et Mistral AI ?");
 * - a question with no name of its own that leans on a pronoun ("Que pense-t-elle de… ?" is not one:
 *   "elle" must stand alone) gets the previous question's names and words added.
 * Anything else is left as it is: a question that stands alone is a new topic, even after others.
 */
export function rewriteFollowUp(question: string, history: readonly ConversationTurn[]): RewrittenQuestion {
  const previous = [...history].reverse().find((turn) => turn.role === 'user')?.content.trim();
  if (!previous) return { query: question, rewritten: false };
  const ellipsis = ELLIPSIS.exec(question);
  // An ellipsis names something and says nothing else: every word a name or a small word ("la", "de").
  const ellipsisWords = wordsOf(ellipsis?.[2] ?? '');
  const isEllipsis =
    ellipsis !== null &&
    ellipsisWords.length <= MAX_ELLIPSIS_WORDS &&
    ellipsisWords.every((word) => /^\p{Lu}/u.test(word) || FRENCH_STOP_WORDS.has(word.toLowerCase()));
  const previousNames = namesOf(previous);
  if (isEllipsis && /^\p{Lu}/u.test((ellipsis?.[2] ?? '').trim())) {
    const hasPreposition = ellipsis?.[1] !== undefined;
    const target = [...previousNames].reverse().find((name) => !hasPreposition || PREPOSITION_BEFORE.test(previous.slice(0, name.index)));
    if (target) {
      const replacement = (ellipsis?.[2] ?? '').trim();
      return { query: `${previous.slice(0, target.index)}${replacement}${previous.slice(target.index + target.text.length)}`, rewritten: true };
    }
  }
  if (!leansOnPrevious(question)) return { query: question, rewritten: false };
  // Its names first, then its other words (what "il" or "elle" stands for is among them).
  const carried = [...new Set([...previousNames.map((name) => name.text), ...contentWords(previous)])];
  const missing = carried
    .filter((word) => !question.toLowerCase().includes(word.toLowerCase()) && !previousNames.some((name) => name.text !== word && name.text.includes(word)))
    .slice(0, MAX_CARRIED);
  if (missing.length === 0) return { query: question, rewritten: false };
  return { query: `${question.trim()} (${missing.join(', ')})`, rewritten: true };
}

function namesOf(text: string): { text: string; index: number }[] {
  return [...text.matchAll(NAME)]
    .map((match) => ({ text: match[0].replace(/^\S+\s+/u, (first) => (QUESTION_WORD.test(first.trim()) ? '' : first)), index: match.index ?? 0, full: match[0] }))
    .map(({ text: name, index, full }) => ({ text: name, index: index + (full.length - name.length) }))
    .filter((name) => name.text !== '' && !QUESTION_WORD.test(name.text));
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}’'-]+/gu) ?? [];
}

/** Words other than stop words and inverted verb forms ("a-t-il"). */
function contentWords(text: string): string[] {
  return wordsOf(text).filter(
    (word) => word.length > 2 && !/-t-|-(?:il|elle|ils|elles|on)$/iu.test(word) && !FRENCH_STOP_WORDS.has(word.toLowerCase().replace(/^(?:l|d|qu|n|s|c|j)['’]/u, '')),
  );
}
