import { stemmer } from '@orama/stemmers/french';
import { stopwords as snowballStopWords } from '@orama/stopwords/french';

/** One analysed term and the span of `text` it comes from (elision excluded: "l’IA" → "ia" at "IA"). */
export interface AnalyzedTerm {
  term: string;
  start: number;
  end: number;
}

/**
 * Tokens, in order of preference:
 * - numbers grouped by spaces ("1 000", "10 000 000") become one term without the spaces: "1000";
 * - decimal numbers ("6,6", "28.07") stay one term, with a comma as separator: "6,6", "28,07";
 * - words are runs of letters and digits, apostrophes included so elisions can be recognised
 *   ("l’intelligence"); hyphens and every other character separate words ("Royaume-Uni").
 */
const TOKEN = /\p{N}{1,3}(?:[\u0020\u00A0\u202F]\p{N}{3})+(?!\p{N})|\p{N}+(?:[.,]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;
const ELISION = /^(?:jusqu|lorsqu|puisqu|quoiqu|qu|l|d|j|m|n|s|t|c)'/u;
const DIGIT = /\p{N}/u;
const ENGLISH_POSSESSIVE = /'s$/u;
const SPACES = /[\u0020\u00A0\u202F]/gu;

const EXTRA_STOP_WORDS = [
  // question words
  'qui', 'que', 'quoi', 'quel', 'quelle', 'quels', 'quelles', 'lequel', 'laquelle', 'lesquels',
  'lesquelles', 'où', 'quand', 'comment', 'pourquoi', 'combien', 'est-ce', 'qu\'est-ce',
  // être, avoir and their most frequent forms
  'être', 'avoir', 'a', 'ai', 'as', 'avons', 'avez', 'ont', 'été', 'est', 'sont', 'était', 'étaient',
  // determiners, pronouns, prepositions, conjunctions, frequent adverbs
  'à', 'l', 'un', 'une', 'le', 'la', 'les', 'ce', 'cet', 'cette', 'ces', 'ça', 'ci', 'celui', 'celle',
  'ceux', 'celles', 'elles', 'y', 'en', 'dont', 'ou', 'et', 'ni', 'car', 'or', 'donc', 'si', 'comme',
  'chez', 'vers', 'entre', 'sous', 'lors', 'lorsque', 'puisque', 'quoique', 'jusque', 'jusqu',
  'lorsqu', 'puisqu', 'quoiqu', 'tout', 'tous', 'toute', 'toutes', 'très', 'aussi', 'alors', 'ainsi',
  'déjà', 'là', 'ne', 'pas', 'non', 'oui',
];

/** Recovers the folded form users type without accents ("ou" for "où", "deja" for "déjà"). */
const foldedVariants = (words: readonly string[]): string[] => words.map(foldAccents);

/** Lowercase French stop words, accented and accent-folded. Read-only: mutators throw. */
export const FRENCH_STOP_WORDS: ReadonlySet<string> = frozenSet([
  ...snowballStopWords,
  ...EXTRA_STOP_WORDS,
  ...foldedVariants([...snowballStopWords, ...EXTRA_STOP_WORDS]),
].filter((word) => word !== ''));

/** The terms of `text` for BM25 and answer scoring. See `analyzeFrenchWithOffsets`. */
export function analyzeFrench(text: string): string[] {
  return analyzeFrenchWithOffsets(text).map((t) => t.term);
}

/**
 * Tokenises, lowercases (after NFC normalisation), strips elisions, drops stop words, stems with
 * the French Snowball stemmer (which expects accents, so it runs before folding), then folds
 * accents: "Dirigé", "diriger", "dirige" → "dirig"; "européenne", "Europe" → "europ".
 * Offsets point into `text`, so terms can be highlighted in the original.
 */
export function analyzeFrenchWithOffsets(text: string): AnalyzedTerm[] {
  const terms: AnalyzedTerm[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const token = normalizeToken(match[0]);
    const elision = ELISION.exec(token)?.[0] ?? '';
    // An English possessive ("OpenAI's", in a question asked in English) names what the bare word names.
    const word = token.slice(elision.length).replace(ENGLISH_POSSESSIVE, '');
    if (word === '' || FRENCH_STOP_WORDS.has(word)) continue;
    terms.push({
      term: termOf(word),
      start: match.index + elision.length,
      end: match.index + match[0].length,
    });
  }
  return terms;
}

function normalizeToken(raw: string): string {
  // Elisions and apostrophes are both spelled "'" from here on, so token lengths are unchanged.
  const token = raw.normalize('NFC').toLowerCase().replaceAll('’', '\'');
  if (!DIGIT.test(token)) return token;
  if (/^\p{N}{1,3}[\u0020\u00A0\u202F]/u.test(token)) return token.replace(SPACES, '');
  return token.replaceAll('.', ',');
}

/** Stemming dominates indexing time and a corpus has few distinct words: memoise, bounded. */
const TERM_CACHE = new Map<string, string>();
const TERM_CACHE_LIMIT = 100_000;

/** Words whose Snowball stem would merge them with an unrelated word ("fonds", funds, with "fondé", founded). */
const UNSTEMMED_WORDS: ReadonlySet<string> = new Set(['fonds']);
function stemOf(word: string): string {
  if (UNSTEMMED_WORDS.has(word)) return word;
  const folded = foldAccents(word);
  if (FOUNDING_WORD.test(folded)) return FOUNDING_TERM;
  if (DIGIT.test(word)) return folded;
  const spelled = folded === word ? restoreFinalAccent(word) : word;
  return foldFamily(foldDemonym(foldAccents(stemmer(spelled))));
}

/**
 * People type questions without accents ("lancee", "activite"). The stemmer needs the final accent
 * of these endings to stem them as it stems the articles' "lancée", "activité".
 */
function restoreFinalAccent(word: string): string {
  if (/eees?$/u.test(word)) return word.replace(/eee(s?)$/u, 'éée$1');
  if (/[^e]ees?$/u.test(word)) return word.replace(/ee(s?)$/u, 'ée$1');
  if (word.length >= 7 && /[^aeiou]ites?$/u.test(word)) return word.replace(/ite(s?)$/u, 'ité$1');
  return word;
}

/** "fonder" and its forms and derivations (matched without accents), kept apart from "fond" (bottom), which shares their stem. */
const FOUNDING_WORD = /^(?:co)?fond(?:er|e|es|ee|ees|ent|a|erent|ait|aient|era|eront|ateur|ateurs|atrice|atrices|ation|ations)$/u;
const FOUNDING_TERM = 'fondat';

function termOf(word: string): string {
  const cached = TERM_CACHE.get(word);
  if (cached !== undefined) return cached;
  const term = stemOf(word);
  if (TERM_CACHE.size >= TERM_CACHE_LIMIT) TERM_CACHE.clear();
  TERM_CACHE.set(word, term);
  return term;
}

/**
 * Derivational families the Snowball stemmer leaves apart although a reader asks about one with
 * the other ("Qui dirigera…?" is answered by "…sous la direction de…"). Keys and values are
 * folded stems; keep the list to derivations, not synonyms.
 */
const STEM_FAMILIES: ReadonlyMap<string, string> = new Map([
  ['directeur', 'dirig'], ['directric', 'dirig'], ['direct', 'dirig'],
  ['choix', 'chois'],
  ['lieux', 'lieu'],
  ['ouvertur', 'ouvr'],
  ['investisseur', 'invest'],
  ['pert', 'perdr'],
  ['creation', 'cre'], ['createur', 'cre'], ['creatric', 'cre'],
  ['nomin', 'nomm'],
  ['rachet', 'rachat'],
  ['acquisit', 'acquer'],
  ['vendr', 'vent'], ['vendeur', 'vent'],
  ['recrues', 'recrut'], ['recru', 'recrut'],
]);

function foldFamily(stem: string): string {
  return STEM_FAMILIES.get(stem) ?? stem;
}

/** "européen" → "europ" (the stem of "Europe"), "coréen" → "cor" (the stem of "Corée"). */
function foldDemonym(stem: string): string {
  return stem.length > 5 && stem.endsWith('een') ? stem.slice(0, -3) : stem;
}

function foldAccents(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replaceAll('œ', 'oe')
    .replaceAll('æ', 'ae');
}

function frozenSet(values: readonly string[]): ReadonlySet<string> {
  const set = new Set(values);
  const readOnly = (): never => {
    throw new TypeError('FRENCH_STOP_WORDS is read-only');
  };
  Object.defineProperties(set, {
    add: { value: readOnly },
    delete: { value: readOnly },
    clear: { value: readOnly },
  });
  return Object.freeze(set);
}
