import { alternation as any, WORD_END, type Lexicon } from './lexicon.js';

/** What may follow an impersonal "il" ("faut", "s'agit", "y a", "est possible", "fait froid"). */
export function impersonalAfterIl(lexicon: Lexicon, options: { adverbs: boolean; sentenceOpening?: boolean }): string {
  const reflexive = any(lexicon.impersonalReflexiveVerbs.map(({ pronoun, verb }) => (pronoun.endsWith("'") ? `${pronoun}${verb}` : `${pronoun} ${verb}`)));
  const adverbs = options.adverbs ? `(?:\\s+${any(lexicon.degreeAdverbs)})?` : '';
  return (
    `(?:${any(options.sentenceOpening ? [...lexicon.impersonalVerbs, ...lexicon.impersonalOpeningVerbs] : lexicon.impersonalVerbs)}|${reflexive}|y\\s+${any(lexicon.existentialForms)}|` +
    `${any(lexicon.weatherVerbForms)}\\s+${any(lexicon.weatherWords)}|${any(lexicon.beForms)}${adverbs}\\s+${any(lexicon.impersonalAdjectives)})${WORD_END}`
  );
}

/**
 * The impersonal and existential "il", which stands for nothing said before: "Faut-il… ?", "Y a-t-il… ?",
 * "Quel temps fera-t-il… ?", "Est-il possible de… ?", "il existe", "il s'agit de" (global: to blank them out).
 */
export function impersonalIlPattern(lexicon: Lexicon): RegExp {
  const inverted = `-(?:t-)?il${WORD_END}`;
  const start = '(?<!\\p{L})';
  const { weather, time } = lexicon.impersonalQuestionNouns;
  return new RegExp(
    [
      // "S'agit-il…" drops its pronoun when inverted; "Se peut-il" keeps it ("peut-il" alone is someone).
      `${start}${any([...lexicon.impersonalVerbs, ...lexicon.impersonalReflexiveVerbs.filter(({ pronoun }) => pronoun.endsWith("'")).map(({ verb }) => verb)])}${inverted}`,
      `${start}${any(lexicon.impersonalReflexiveVerbs.filter(({ pronoun }) => !pronoun.endsWith("'")).map(({ pronoun, verb }) => `${pronoun} ${verb}`))}${inverted}`,
      `${start}y\\s+${any(lexicon.existentialForms)}${inverted}`,
      `${start}${weather}\\s+${any(lexicon.weatherVerbForms)}${inverted}`,
      `${start}${any(lexicon.weatherVerbForms)}${inverted}\\s+${any(lexicon.weatherWords)}${WORD_END}`,
      `${start}${time}\\s+${any(lexicon.beForms)}${inverted}`,
      `${start}${any(lexicon.beForms)}${inverted}\\s+${any(lexicon.impersonalAdjectives)}${WORD_END}`,
      `${start}il\\s+${impersonalAfterIl(lexicon, { adverbs: false })}`,
    ].join('|'),
    'giu',
  );
}
