import type { Lexicon } from './lexicon.js';

/**
 * French, as questions and documentation sentences write it. Where the lists come from: the
 * question words, pronouns and prepositions are closed classes of French grammar (plus English
 * question words, since questions come in both languages); the impersonal verbs and expressions are
 * the "verbes impersonnels" of French grammars (falloir, s'agir, exister, rester, suffire, sembler,
 * the weather verbs, il y a, il est + adjectif), in the tenses questions and manuals use. They were
 * gathered in the answer stage's code (follow-up.ts, answer-units.ts, two lists that had drifted
 * apart) and merged here. Nothing here names a subject of a corpus.
 */
export const FRENCH: Lexicon = {
  interrogatives: ['qui', 'que', 'quand', 'où', 'comment', 'pourquoi', 'combien'],
  questionWords: ['qui', 'que', 'quoi', 'quel', 'quelle', 'quels', 'quelles', 'quand', 'où', 'ou', 'comment', 'pourquoi', 'combien', 'est-ce', 'et', 'mais', 'who', 'what', 'when', 'where', 'why', 'how', 'which', 'is', 'are', 'does', 'did', 'do'],
  subjectPronouns: ['il', 'elle', 'ils', 'elles'],
  ellipsisOpeners: ['et', 'mais', 'and'],
  standInPronouns: ['il', 'elle', 'ils', 'elles', 'lui', 'leur', 'celui-ci', 'celle-ci', 'ceux-ci', 'celles-ci', 'ce dernier', 'cette dernière'],
  objectPronouns: ['le', 'la', 'les', "l'", 'lui', 'leur'],
  prepositions: ['à', 'a', 'en', 'au', 'aux', 'de', 'du', 'des', "d'", 'pour', 'chez', 'dans', 'sur'],
  impersonalVerbs: [
    'faut', 'fallait', 'faudra', 'faudrait', 'suffit', 'suffirait', 'existe', 'existait', 'reste', 'restait', 'manque',
    'pleut', 'pleuvra', 'neige', 'vaut', 'vaudrait', 'convient', 'importe', 'semble', 'paraît', 'parait',
  ],
  impersonalOpeningVerbs: ['arrive'],
  impersonalReflexiveVerbs: [
    { pronoun: "s'", verb: 'agit' },
    { pronoun: "s'", verb: 'agissait' },
    { pronoun: 'se', verb: 'peut' },
  ],
  existentialForms: ['a', 'avait', 'aura', 'aurait', 'ait'],
  beForms: ['est', 'était', 'etait', 'sera', 'serait'],
  impersonalAdjectives: [
    'possible', 'impossible', 'nécessaire', 'necessaire', 'utile', 'inutile', 'obligatoire', 'vrai', 'conseillé', 'conseille',
    'recommandé', 'recommande', 'préférable', 'preferable', 'important', 'prévu', 'prevu', 'permis', 'interdit', 'difficile',
    'facile', 'normal', 'judicieux',
  ],
  degreeAdverbs: ['pas', 'plus', 'donc', 'alors', 'aussi', 'également', 'toujours', 'souvent', 'parfois', 'très', 'tres', 'bien'],
  weatherVerbForms: ['fait', 'faisait', 'fera', 'ferait'],
  weatherWords: ['froid', 'chaud', 'beau', 'doux', 'nuit', 'jour', 'soleil'],
  impersonalQuestionNouns: { weather: 'temps', time: 'heure' },
};
