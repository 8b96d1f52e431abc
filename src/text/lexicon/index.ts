export { alternation, WORD_END, type Lexicon } from './lexicon.js';
export { FRENCH } from './fr.js';
export { impersonalIlPattern, impersonalAfterIl } from './impersonal-il.js';
