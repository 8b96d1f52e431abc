import { FRENCH_STOP_WORDS } from '../text/french-analyzer.js';
import type { ConversationTurn } from './ask-question.js';

export interface RewrittenQuestion {
  /** The question that retrieval and the answerer read. */
  query: string;
  rewritten: boolean;
}

/** "Et à Bruxelles ?", "Et pour Google ?": the same question about something else. */
const ELLIPSIS = /^\s*(?:et|mais|and)\s+(?:(?:à|a|en|au|aux|pour|chez|dans|de|du|sur)\s+)?(.+?)[\s?!.]*$/iu;
/** He, she, they, it, this one: a question that leans on the previous one for what it is about. */
const PRONOUN = /(?:^|[\s-])(?:il|elle|ils|elles|lui|leur|leurs|celui-ci|celle-ci|ce dernier|cette dernière|y|en)(?=[\s?,.!-]|$)|\b(?:l[ae]|les)\s+(?=\p{L}+(?:ra|ront|rait|raient|e|ent|a|ont|ait|aient)\b)/iu;
const NAME = /(?<=\S\s+)\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*)*/gu;
const MAX_FOLLOW_UP_WORDS = 4;
const MAX_CARRIED = 6;

/**
 * A follow-up rewritten into a question that stands on its own, by rules: "Et à Bruxelles ?" after
 * "Qui dirigera le bureau de Paris ?" becomes "Qui dirigera le bureau de Bruxelles ?" (the last
 * name of the previous question is replaced); a question that leans on a pronoun ("Qui la
 * dirigera ?") or is only a few words gets the previous question's names, or its words, added.
 */
export function rewriteFollowUp(question: string, history: readonly ConversationTurn[]): RewrittenQuestion {
  const previous = [...history].reverse().find((turn) => turn.role === 'user')?.content.trim();
  if (!previous) return { query: question, rewritten: false };
  const ellipsis = ELLIPSIS.exec(question);
  const previousNames = [...previous.matchAll(NAME)];
  const lastName = previousNames.at(-1);
  if (ellipsis?.[1] && lastName?.index !== undefined && /^\p{Lu}/u.test(ellipsis[1].trim())) {
    const replacement = ellipsis[1].trim();
    return { query: `${previous.slice(0, lastName.index)}${replacement}${previous.slice(lastName.index + lastName[0].length)}`, rewritten: true };
  }
  const ownNames = [...question.matchAll(NAME)].length;
  const words = contentWords(question);
  const leans = Boolean(ellipsis) || (PRONOUN.test(question) && ownNames === 0) || words.length <= MAX_FOLLOW_UP_WORDS - 3;
  if (!leans) return { query: question, rewritten: false };
  // Its names first, then its other words (what "le" or "elle" stands for is among them).
  const carried = [...new Set([...previousNames.map((match) => match[0]), ...contentWords(previous)])];
  const missing = carried.filter((word) => !question.toLowerCase().includes(word.toLowerCase()) && !previousNames.some((name) => name[0] !== word && name[0].includes(word))).slice(0, MAX_CARRIED);
  if (missing.length === 0) return { query: question, rewritten: false };
  return { query: `${question.trim()} (${missing.join(', ')})`, rewritten: true };
}

function contentWords(text: string): string[] {
  return (text.match(/[\p{L}’'-]+/gu) ?? []).filter((word) => !FRENCH_STOP_WORDS.has(word.toLowerCase().replace(/^(?:l|d|qu|n|s|c|j)['’]/u, '')) && word.length > 2);
}
