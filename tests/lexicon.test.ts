import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alternation, FRENCH, impersonalAfterIl, impersonalIlPattern } from '../src/text/lexicon/index.js';

describe('the French lexicon, and the patterns made from it', () => {
  it('an alternation matches each of its words exactly, whatever characters they hold (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom('a', 'é', '.', '*', '(', '[', '\\', '$', '^', '|', '-', '?', '+', '{') }), { minLength: 1, maxLength: 5 }), (words) => {
        const pattern = new RegExp(`^${alternation(words)}$`, 'u');
        for (const word of words) expect(pattern.test(word)).toBe(true);
        expect(pattern.test(`${words[0]}§`)).toBe(false);
      }),
    );
  });

  it('reads an apostrophe either way and a space as any blank', () => {
    const pattern = new RegExp(`^${alternation(["s'agit", 'ce dernier'])}$`, 'u');
    for (const text of ["s'agit", 's’agit', 'ce dernier', 'ce  dernier']) expect(pattern.test(text), text).toBe(true);
  });

  it('blanks out the impersonal "il" of a question, and only that one', () => {
    const blank = (question: string) => question.replace(impersonalIlPattern(FRENCH), '#');
    expect(blank('Faut-il un visa ?')).toBe('# un visa ?');
    expect(blank('Y a-t-il un bureau à Paris ?')).toBe('# un bureau à Paris ?');
    expect(blank('Quel temps fera-t-il à Lyon ?')).toBe('Quel # à Lyon ?');
    expect(blank('Est-il conseillé de sauvegarder ?')).toBe('# de sauvegarder ?');
    expect(blank('Que pense-t-il de la loi ?')).toBe('Que pense-t-il de la loi ?');
    // Found in review: someone arriving or able to do something is not impersonal.
    for (const question of ['Quand arrive-t-il ?', 'Et il arrive quand ?', 'Que peut-il encore faire ?']) expect(blank(question), question).toBe(question);
    expect(blank('Se peut-il que le bureau ferme ?')).not.toBe('Se peut-il que le bureau ferme ?');
  });

  it('tells a sentence opening on an impersonal "Il" from one whose "Il" is someone (accented adjectives included)', () => {
    const impersonal = new RegExp(`^Il\\s+(?:ne\\s+|n['’])?${impersonalAfterIl(FRENCH, { adverbs: true, sentenceOpening: true })}`, 'u');
    for (const sentence of ['Il arrive que la page se ferme.', 'Il faut cliquer sur OK.', 'Il est donc possible de revenir.', 'Il est conseillé de sauvegarder.', "Il s'agit d'un outil.", 'Il ne faut pas.', 'Il fait nuit.']) expect(impersonal.test(sentence), sentence).toBe(true);
    for (const sentence of ['Il dirige le bureau.', 'Il est arrivé hier.', 'Il a été recruté.']) expect(impersonal.test(sentence), sentence).toBe(false);
  });
});
