import { FRENCH_MONTH_PATTERN } from '../text/index.js';
/** Whether a sentence holds the kind of answer a question asks for (a name for "qui", a figure for "combien"). */
import type { AnswerType } from './question-analysis.js';

const MONTHS = FRENCH_MONTH_PATTERN;
const NUMBER_WORDS =
  'un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|million|millions|milliard|milliards|centaine|centaines|dizaine|dizaines|douzaine|moitié|tiers|quart|dix-\\w+';

const SENTENCE_PATTERNS: Record<AnswerType, RegExp> = {
  // Two capitalised words in a row, not at the very start of the sentence: "Julie Lavet", "Sam Altman".
  person: /(?<!^)(?<![.!?]\s)\b\p{Lu}[\p{Ll}’'-]+\s+(?:de\s+|van\s+|von\s+)?\p{Lu}[\p{Ll}’'-]+|\b(?:M\.|Mme|Mr\.?|Mrs\.?)\s+\p{Lu}/u,
  // A capitalised name or acronym after the sentence's first word.
  organisation: /(?<=\S\s+(?:\S+\s+)*)(?:\p{Lu}[\p{L}\p{N}&-]*[\p{Lu}\p{N}][\p{L}\p{N}]*|\p{Lu}\p{Ll}+(?:\s+\p{Lu}[\p{L}]+)+)/u,
  // A figure in digits or in words, or the statement that it is not known.
  amount: new RegExp(
    `\\d|\\b(?:${NUMBER_WORDS})\\b|\\b(?:inconnu|inconnue|non\\s+communiqué|pas\\s+(?:été\\s+)?(?:précisé|communiqué|divulgué|dévoilé)|n['’]a\\s+pas\\s+été\\s+(?:précisé|communiqué|révélé))`,
    'iu',
  ),
  date: new RegExp(
    `\\b(?:\\d{1,2}(?:er)?\\s+(?:${MONTHS})|(?:${MONTHS})(?:\\s+\\d{4})?|(?:19|20)\\d{2}|fin\\s+(?:d[’']|de\\s+l[’'])ann[ée]e|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|hier|aujourd['’]hui|demain|la\\s+semaine\\s+(?:dernière|prochaine)|l['’]an\\s+(?:dernier|prochain)|l['’]année\\s+(?:dernière|prochaine))\\b`,
    'iu',
  ),
  // A capitalised name after a preposition of place: "à Paris", "en France", "aux États-Unis".
  place: /\b(?:à|a|en|au|aux|dans|depuis|vers|de|du|sur)\s+(?:l['’]|la\s+|le\s+|les\s+)?\p{Lu}[\p{L}’'-]+/u,
  reason: /\b(?:parce\s+qu|car|afin\s+d|pour\s+(?:\p{L}+er|se|s['’]|y|en)\b|en\s+raison\s+d|grâce\s+à|puisqu|raison|objectif|but|afin|cause|permet|permettre|pour\s+que|dans\s+le\s+but|because|due\s+to|in\s+order\s+to)/iu,
  yesno: /./u,
  definition: /\b(?:est\s+(?:un|une|le|la|l['’])|sont\s+(?:des|les)|désigne|signifie|c['’]est-à-dire|consiste|permet|sert\s+à|appelé|appelée|nommé|nommée)\b|:/iu,
  procedure: /\b(?:choisissez|cliquez|sélectionnez|selectionnez|appuyez|ouvrez|saisissez|tapez|faites|utilisez|activez|désactivez|cochez|décochez|entrez|allez|placez|double-cliquez|faites\s+glisser|maintenez)\b|\b(?:menu|onglet|commande|option|raccourci|touche|bouton|icône|boîte\s+de\s+dialogue)\b|\bCtrl\b|\bMaj\b|\bAlt\b|\s-\s\p{Lu}|^\s*[-–•*]?\s*-{1,2}[a-z]/iu,
};

export function sentenceHasAnswerType(sentence: string, type: AnswerType): boolean {
  return SENTENCE_PATTERNS[type].test(sentence);
}
