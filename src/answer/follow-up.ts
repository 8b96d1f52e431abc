import { FRENCH_STOP_WORDS } from '../text/french-analyzer.js';
import type { ConversationTurn } from './answerer.js';

export interface RewrittenQuestion {
  /** The question that retrieval and the answerer read. */
  query: string;
  rewritten: boolean;
}

/** "Et à Bruxelles ?", "Et pour Google ?": the same question about something else (a short question only). */
const ELLIPSIS = /^\s*(?:et|mais|and)\s+(?:(à|a|en|au|aux|pour|chez|dans|de|du|sur)\s+)?(.+?)[\s?!.]*$/iu;
const MAX_ELLIPSIS_WORDS = 5;
/** A subject or demonstrative pronoun standing alone ("il", "elle", "celle-ci"), not the "-il" of "a-t-il". */
const PRONOUN = /(?:^|\s)(?:il|elle|ils|elles|lui|leur|celui-ci|celle-ci|ceux-ci|celles-ci|ce dernier|cette dernière)(?=[\s?,.!]|$)/iu;
/** "Qui le dirigera ?", "Quand l'ouvrira-t-elle ?": an object pronoun right after the question word. */
const OBJECT_PRONOUN = /^\s*(?:et\s+)?(?:qui|que|quand|où|comment|pourquoi|combien)\s+(?:le|la|les|l['’]|lui|leur)\s*\p{L}/iu;
/** "Que pense-t-il… ?", "Pourquoi a-t-elle… ?": the subject is a pronoun after the verb. */
const INVERTED_PRONOUN = /\p{L}-(?:t-)?(?:il|elle|ils|elles)(?![\p{L}])/iu;
const PREPOSITION_BEFORE = /(?:^|\s)(?:à|a|en|au|aux|de|du|des|d['’]|pour|chez|dans|sur)\s*$/iu;
/** Capitalised words; the question's first word counts unless it is a question word. */
const NAME = /(?<![\p{L}\p{N}’'-])\p{Lu}[\p{L}\p{N}’'-]*(?:\s+\p{Lu}[\p{L}\p{N}’'-]*)*/gu;
const QUESTION_WORD = /^(?:qui|que|quoi|quel|quelle|quels|quelles|quand|où|ou|comment|pourquoi|combien|est-ce|et|mais|who|what|when|where|why|how|which|is|are|does|did|do)$/iu;
const MAX_CARRIED = 6;
/**
 * The impersonal and existential "il", which stands for nothing said before: "Faut-il… ?", "Y a-t-il… ?",
 * "Quel temps fera-t-il… ?", "Est-il possible de… ?", "il existe", "il s'agit de".
 */
const IMPERSONAL_IL = new RegExp(
  [
    String.raw`(?<!\p{L})(?:faut|fallait|faudra|faudrait|agit|agissait|suffit|suffirait|existe|existait|reste|restait|manque|pleut|pleuvra|neige|vaut|vaudrait|convient|importe|semble|paraît|parait)-(?:t-)?il\b`,
    String.raw`(?<!\p{L})y\s+(?:a|avait|aura|aurait|ait)-(?:t-)?il\b`,
    String.raw`(?<!\p{L})temps\s+(?:fait|faisait|fera|ferait)-(?:t-)?il\b`,
    String.raw`(?<!\p{L})(?:fait|faisait|fera|ferait)-(?:t-)?il\s+(?:froid|chaud|beau|doux|nuit|jour|soleil)\b`,
    String.raw`(?<!\p{L})heure\s+(?:est|était|sera)-(?:t-)?il\b`,
    String.raw`(?<!\p{L})(?:est|était|etait|sera|serait)-(?:t-)?il\s+(?:possible|impossible|nécessaire|necessaire|utile|obligatoire|vrai|conseillé|conseille|recommandé|recommande|prévu|prevu|permis|interdit|difficile|facile|normal|judicieux)\b`,
    String.raw`(?<!\p{L})il\s+(?:faut|fallait|faudra|faudrait|y\s+a|y\s+avait|y\s+aura|s['’]agit|existe|reste|suffit|manque|pleut|neige|vaut|convient|importe|semble|paraît|parait|fait\s+(?:froid|chaud|beau|doux|nuit|jour)|est\s+(?:possible|impossible|nécessaire|utile|obligatoire|vrai|conseillé|recommandé|prévu|permis|interdit|difficile|facile))\b`,
  ].join('|'),
  'giu',
);

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
