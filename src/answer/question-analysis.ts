/** What a question asks for, in French or English, read from its wording alone. */

export type AnswerType = 'person' | 'organisation' | 'amount' | 'date' | 'place' | 'reason' | 'yesno' | 'definition' | 'procedure';
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

const ATTRIBUTE_PATTERNS: RegExp[] = [
  /\bquel(?:le)?s?\s+(?:(?:est|sont|était|etait|étaient|etaient|sera|seront|serait)\s+)?(?:(?:le|la|les)\s+|l['’])?([\p{L}-]{3,})/iu,
  /\bwhat\s+(?:is|are|was|were)\s+the\s+([\p{L}-]{3,})\s+of\b/iu,
];

/** First match wins: the more specific wordings come before "qui" / "what". */
const QUESTION_PATTERNS: [AnswerType, RegExp][] = [
  ['definition', /\bqu['’]est[- ]ce\s+qu(?:e|['’])(?!\s*(?:il|elle|ils|elles|on)\b)|\bc['’]est\s+quoi\b|\bque\s+(?:signifie|veut\s+dire|désigne|designe)\b|^\s*what\s+(?:is|are|does\s+\S+\s+mean)\b|\bdefine\b|\bmeaning\s+of\b/iu],
  ['reason', /\bpourquoi\b|\bpour\s+quelle\s+raison\b|\bquelles?\s+(?:raisons?|motifs?)\b|^\s*why\b|\bwhat\s+for\b|\bfor\s+what\s+reason\b/iu],
  ['amount', /\bcombien\b|\bquel(?:le)?s?\s+(?:est\s+le\s+|sont\s+les\s+|a\s+été\s+le\s+)?(?:montant|nombre|somme|chiffre|prix|coût|cout|valeur|valorisation|taux|pourcentage|part|effectifs?|budget|perte|pertes|chiffre\s+d['’]affaires)\b|\bhow\s+(?:much|many)\b|\bwhat\s+(?:amount|number|percentage|share|valuation|price)\b/iu],
  ['date', /\bquand\b|\bquel(?:le)?s?\s+(?:année|annee|date|jour|mois|période|periode)\b|\bdepuis\s+quand\b|^\s*when\b|\bwhat\s+(?:year|date|day|month)\b|\bwhich\s+(?:year|date|day|month)\b/iu],
  ['place', /\boù\b|^\s*ou\s+(?!bien)|\b(?:dans|en|à|a)\s+quel(?:le)?s?\s+(?:ville|pays|lieu|endroit|région|region|continent|capitale)s?\b|\bquel(?:le)?s?\s+(?:ville|pays|lieu|endroit)s?\b|^\s*where\b|\b(?:in\s+)?(?:which|what)\s+(?:city|country|place|cities|countries)\b/iu],
  ['organisation', /\bquel(?:le)?s?\s+(?:entreprise|société|societe|organisation|organisme|start-?up|firme|groupe|fonds|compagnie|institution|banque|entité|entite|média|media|journal)s?\b|\b(?:which|what)\s+(?:company|companies|firm|organi[sz]ation|fund|group|startup|start-up|institution|bank)\b/iu],
  ['person', /^\s*(?:et\s+)?(?:(?:à|a|de|par|pour|avec)\s+)?qui\b|\bquel(?:le)?s?\s+(?:personne|dirigeant|dirigeante|responsable|patron|patronne|fondateur|fondatrice|pdg)s?\b|^\s*(?:and\s+)?(?:to\s+|by\s+|with\s+)?(?:who|whom)\b|\bwhich\s+(?:person|people|executive)\b/iu],
  ['procedure', /\bcomment\b|\bde\s+quelle\s+(?:façon|facon|manière|maniere)\b|\bquel(?:le)?s?\s+(?:commande|option|touche|raccourci|menu|onglet|bouton|paramètre|parametre|étapes?|etapes?)s?\b|^\s*how\s+(?:do|can|to|should|does)\b|\bwhich\s+(?:command|option|key|shortcut|menu|tab|button|setting)\b/iu],
  ['yesno', /^\s*(?:est[- ]ce\s+que?|est[- ]ce\s+qu['’])|^\s*(?:is|are|was|were|does|do|did|can|could|will|would|has|have|should)\b|^\s*[\p{Lu}][\p{L}’'-]*(?:\s+[\p{L}’'-]+){0,3}\s+\S+-t-(?:il|elle|ils|elles|on)\b|^\s*\S+-(?:il|elle|ils|elles|on)\b/iu],
];

/** Phrases that say what kind of answer is wanted: words an answering sentence does not contain. */
const ASKING_PHRASES: RegExp[] = [
  /(?:\b(?:en|à|a|de|depuis|dans)\s+)?\bquel(?:le)?s?\s+(?:année|annee|date|jour|mois|période|periode)\b/giu,
  /\b(?:a|aura|auront|avait|avaient|aurait|auraient|ont|ait|a\s+eu|ont\s+eu)(?:-t-(?:il|elle|ils|elles))?\s+lieu\b/giu,
  /\bcomment\s+s['’]appell?\S*/giu,
  /\bqu['’]est[- ]ce\s+qu(?:e|['’])|\bc['’]est\s+quoi\b|\best[- ]ce\s+qu(?:e|['’])/giu,
  /\b(?:what|which)\s+(?:year|date|day|month)\b|\bhow\s+(?:much|many)\b|\bwhat\s+is\s+the\s+name\s+of\b/giu,
];

/** Frequent English function words: a question with several of them and few French ones is English. */
const ENGLISH_WORDS = new Set(
  'the a an of to in on for with by from at is are was were be been has have had do does did will would can could should who whom whose what which when where why how much many does is it its this that these those their his her they he she and or not there about after before into than then'.split(' '),
);
const FRENCH_WORDS = new Set(
  'le la les un une des du de au aux et ou est sont a ont qui que quoi quel quelle quels quelles quand où comment pourquoi combien dans pour par sur avec sans ce cette ces son sa ses leur leurs il elle ils elles on ne pas plus été être avoir se qu l d'.split(' '),
);

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
