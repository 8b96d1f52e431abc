/** What a question asks for, as its wording says it: the kinds, most specific first ("qui" comes late). */
export const QUESTION_KINDS = ['definition', 'reason', 'amount', 'date', 'place', 'organisation', 'person', 'procedure', 'yesno'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * How one language asks, as regular-expression sources (read case-insensitively): the wordings of
 * each kind of question, the "quel est le X" that names an attribute, the phrases that only say
 * what kind of answer is wanted (an answering sentence does not contain them), and the function
 * words that tell the language apart. Written from each language's grammar of questions; the
 * nouns after "quel" are the ones questions use of news and of manuals, no corpus's own terms.
 */
export interface QuestionWording {
  kinds: Readonly<Record<QuestionKind, readonly string[]>>;
  /** Sources with one group: the attribute noun. */
  attributes: readonly string[];
  askingPhrases: readonly string[];
  functionWords: readonly string[];
}

export const FRENCH_QUESTIONS: QuestionWording = {
  kinds: {
    definition: [String.raw`\bqu['’]est[- ]ce\s+qu(?:e|['’])(?!\s*(?:il|elle|ils|elles|on)\b)`, String.raw`\bc['’]est\s+quoi\b`, String.raw`\bque\s+(?:signifie|veut\s+dire|désigne|designe)\b`],
    reason: [String.raw`\bpourquoi\b`, String.raw`\bpour\s+quelle\s+raison\b`, String.raw`\bquelles?\s+(?:raisons?|motifs?)\b`],
    amount: [
      String.raw`\bcombien\b`,
      String.raw`\bquel(?:le)?s?\s+(?:est\s+le\s+|sont\s+les\s+|a\s+été\s+le\s+)?(?:montant|nombre|somme|chiffre|prix|coût|cout|valeur|valorisation|taux|pourcentage|part|effectifs?|budget|perte|pertes|chiffre\s+d['’]affaires)\b`,
    ],
    date: [String.raw`\bquand\b`, String.raw`\bquel(?:le)?s?\s+(?:année|annee|date|jour|mois|période|periode)\b`, String.raw`\bdepuis\s+quand\b`],
    place: [
      String.raw`\boù\b`,
      String.raw`^\s*ou\s+(?!bien)`,
      String.raw`\b(?:dans|en|à|a)\s+quel(?:le)?s?\s+(?:ville|pays|lieu|endroit|région|region|continent|capitale)s?\b`,
      String.raw`\bquel(?:le)?s?\s+(?:ville|pays|lieu|endroit)s?\b`,
    ],
    organisation: [String.raw`\bquel(?:le)?s?\s+(?:entreprise|société|societe|organisation|organisme|start-?up|firme|groupe|fonds|compagnie|institution|banque|entité|entite|média|media|journal)s?\b`],
    person: [String.raw`^\s*(?:et\s+)?(?:(?:à|a|de|par|pour|avec)\s+)?qui\b`, String.raw`\bquel(?:le)?s?\s+(?:personne|dirigeant|dirigeante|responsable|patron|patronne|fondateur|fondatrice|pdg)s?\b`],
    procedure: [
      String.raw`\bcomment\b`,
      String.raw`\bde\s+quelle\s+(?:façon|facon|manière|maniere)\b`,
      String.raw`\bquel(?:le)?s?\s+(?:commande|option|touche|raccourci|menu|onglet|bouton|paramètre|parametre|étapes?|etapes?)s?\b`,
    ],
    yesno: [
      String.raw`^\s*(?:est[- ]ce\s+que?|est[- ]ce\s+qu['’])`,
      String.raw`^\s*[\p{Lu}][\p{L}’'-]*(?:\s+[\p{L}’'-]+){0,3}\s+\S+-t-(?:il|elle|ils|elles|on)\b`,
      String.raw`^\s*\S+-(?:il|elle|ils|elles|on)\b`,
    ],
  },
  attributes: [String.raw`\bquel(?:le)?s?\s+(?:(?:est|sont|était|etait|étaient|etaient|sera|seront|serait)\s+)?(?:(?:le|la|les)\s+|l['’])?([\p{L}-]{3,})`],
  askingPhrases: [
    String.raw`(?:\b(?:en|à|a|de|depuis|dans)\s+)?\bquel(?:le)?s?\s+(?:année|annee|date|jour|mois|période|periode)\b`,
    String.raw`\b(?:a|aura|auront|avait|avaient|aurait|auraient|ont|ait|a\s+eu|ont\s+eu)(?:-t-(?:il|elle|ils|elles))?\s+lieu\b`,
    String.raw`\bcomment\s+s['’]appell?\S*`,
    String.raw`\bqu['’]est[- ]ce\s+qu(?:e|['’])|\bc['’]est\s+quoi\b|\best[- ]ce\s+qu(?:e|['’])`,
  ],
  functionWords: 'le la les un une des du de au aux et ou est sont a ont qui que quoi quel quelle quels quelles quand où comment pourquoi combien dans pour par sur avec sans ce cette ces son sa ses leur leurs il elle ils elles on ne pas plus été être avoir se qu l d'.split(' '),
};

export const ENGLISH_QUESTIONS: QuestionWording = {
  kinds: {
    definition: [String.raw`^\s*what\s+(?:is|are|does\s+\S+\s+mean)\b`, String.raw`\bdefine\b`, String.raw`\bmeaning\s+of\b`],
    reason: [String.raw`^\s*why\b`, String.raw`\bwhat\s+for\b`, String.raw`\bfor\s+what\s+reason\b`],
    amount: [String.raw`\bhow\s+(?:much|many)\b`, String.raw`\bwhat\s+(?:amount|number|percentage|share|valuation|price)\b`],
    date: [String.raw`^\s*when\b`, String.raw`\bwhat\s+(?:year|date|day|month)\b`, String.raw`\bwhich\s+(?:year|date|day|month)\b`],
    place: [String.raw`^\s*where\b`, String.raw`\b(?:in\s+)?(?:which|what)\s+(?:city|country|place|cities|countries)\b`],
    organisation: [String.raw`\b(?:which|what)\s+(?:company|companies|firm|organi[sz]ation|fund|group|startup|start-up|institution|bank)\b`],
    person: [String.raw`^\s*(?:and\s+)?(?:to\s+|by\s+|with\s+)?(?:who|whom)\b`, String.raw`\bwhich\s+(?:person|people|executive)\b`],
    procedure: [String.raw`^\s*how\s+(?:do|can|to|should|does)\b`, String.raw`\bwhich\s+(?:command|option|key|shortcut|menu|tab|button|setting)\b`],
    yesno: [String.raw`^\s*(?:is|are|was|were|does|do|did|can|could|will|would|has|have|should)\b`],
  },
  attributes: [String.raw`\bwhat\s+(?:is|are|was|were)\s+the\s+([\p{L}-]{3,})\s+of\b`],
  askingPhrases: [String.raw`\b(?:what|which)\s+(?:year|date|day|month)\b|\bhow\s+(?:much|many)\b|\bwhat\s+is\s+the\s+name\s+of\b`],
  functionWords:
    'the a an of to in on for with by from at is are was were be been has have had do does did will would can could should who whom whose what which when where why how much many does is it its this that these those their his her they he she and or not there about after before into than then'.split(' '),
};
