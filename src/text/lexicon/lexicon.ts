/**
 * What the code needs to know of a language to read questions and sentences: word lists, kept apart
 * from the logic that uses them, so that a language (or a corpus's vocabulary) is added as data.
 * Inflected forms are listed as they are written, accents and their unaccented spellings both,
 * since questions are often typed without accents.
 */
export interface Lexicon {
  /** Question words that an object pronoun may follow ("Qui le…", "Quand l'…"). */
  interrogatives: readonly string[];
  /** Subject pronouns, as inverted after a verb ("pense-t-elle"). */
  subjectPronouns: readonly string[];
  /** What opens an elliptic follow-up ("*Et* à Bruxelles ?"). */
  ellipsisOpeners: readonly string[];
  /** Words that open a question ("qui", "comment"; "who" too: questions come in both languages). */
  questionWords: readonly string[];
  /** Subject and demonstrative pronouns that stand for something said before ("elle", "celle-ci"). */
  standInPronouns: readonly string[];
  /** Object pronouns right after a question word ("Qui *le* dirigera ?"). */
  objectPronouns: readonly string[];
  /** Prepositions before a place or a thing ("à Bruxelles", "pour Google"). */
  prepositions: readonly string[];
  /** Verbs whose "il" stands for nothing ("il faut", "faut-il", "il existe", "il pleut"). */
  impersonalVerbs: readonly string[];
  /** Impersonal only as a sentence's "Il …" ("Il arrive que…"); a question's "arrive-t-il" is someone arriving. */
  impersonalOpeningVerbs: readonly string[];
  /** The same, reflexive ("il s'agit", "il se peut"): the pronoun and the verb; "peut-il" alone is someone. */
  impersonalReflexiveVerbs: readonly { pronoun: string; verb: string }[];
  /** "il y a", "y a-t-il": the forms of avoir after "y". */
  existentialForms: readonly string[];
  /** Forms of être in "il est possible de", "est-il nécessaire de". */
  beForms: readonly string[];
  /** Adjectives that make "il est …" impersonal. */
  impersonalAdjectives: readonly string[];
  /** Adverbs that may come between "est" and such an adjective ("il est donc possible"). */
  degreeAdverbs: readonly string[];
  /** Forms of faire in weather and time expressions ("il fait froid", "quel temps fait-il"). */
  weatherVerbForms: readonly string[];
  /** What follows that faire in a weather expression ("froid", "nuit"). */
  weatherWords: readonly string[];
  /** Nouns of questions whose "il" is impersonal: "Quel *temps* fait-il ?", "Quelle *heure* est-il ?". */
  impersonalQuestionNouns: { weather: string; time: string };
}

/** Not followed by a letter or digit: `\b` of JavaScript regular expressions knows only ASCII letters ("conseillé\b" never matched). */
export const WORD_END = '(?![\\p{L}\\p{N}])';

/** A regular-expression alternation of words, written literally; an apostrophe matches both ' and ’. */
export function alternation(words: readonly string[]): string {
  return `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/['’]/gu, "['’]").replace(/ /gu, '\\s+'))
    .join('|')})`;
}
