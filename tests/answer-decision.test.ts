import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leansOnPrevious, rewriteFollowUp } from '../src/answer/follow-up.js';
import { answerUnits } from '../src/answer/answer-units.js';
import { Bm25Index } from '../src/index/bm25.js';
import { frenchWordsFor } from '../src/text/english-to-french.js';
import type { RetrievedPassage } from '../src/retrieval/hybrid.js';
import type { Passage } from '../src/chunking/passage.js';

const history = (question: string) => [
  { role: 'user' as const, content: question },
  { role: 'assistant' as const, content: 'Elle dirigera le bureau de Paris. [1]' },
];

function retrievedOf(text: string): RetrievedPassage {
  const passage = { id: 'a.txt#0', source: 'a.txt', text, start: 0, end: text.length, title: null, date: null, author: null, outlet: null, url: null, section: null, page: null } as unknown as Passage;
  return { passage, score: 1, lexicalScore: 1, denseScore: null } as unknown as RetrievedPassage;
}

describe('conversation: a new question after another is not a follow-up because of an impersonal "il"', () => {
  it.each([
    'Quel temps fera-t-il à Lyon ce week-end ?',
    'Faut-il réserver pour visiter le musée ?',
    'Y a-t-il un parking près de la gare ?',
    'Est-il possible de changer la langue du menu ?',
    "Combien de temps faut-il pour installer le logiciel ?",
    'Quelle heure est-il maintenant ?',
    'Fera-t-il froid demain matin ?',
  ])('"%s" stays as typed', (question) => {
    expect(leansOnPrevious(question)).toBe(false);
    expect(rewriteFollowUp(question, history('Quel poste occupe Janine Korovesis ?'))).toEqual({ query: question, rewritten: false });
  });

  it('still reads a personal pronoun as a follow-up', () => {
    const rewritten = rewriteFollowUp('Quel poste occupe-t-elle ?', history('Qui est Janine Korovesis ?'));
    expect(rewritten.rewritten).toBe(true);
    expect(rewritten.query).toContain('Janine Korovesis');
  });
});

describe('answer units: a sentence that points back is quoted with the sentence before it', () => {
  it('joins "Elle organisera dans la cité-État…" to the sentence that names the city', () => {
    const text = 'OpenAI ouvrira un bureau à Singapour. Elle organisera dans la cité-État le 21 novembre sa première conférence DevDay.';
    const units = answerUnits([retrievedOf(text)]);
    const devDay = units.find((unit) => unit.text.includes('21 novembre'));
    expect(devDay?.text).toBe(text);
    expect(text.slice(devDay!.start, devDay!.end)).toBe(devDay!.text);
  });

  const joined = (second: string) => {
    const text = `La configuration se trouve dans le fichier principal. ${second}`;
    return answerUnits([retrievedOf(text)]).some((unit) => unit.start === 0 && unit.end === text.length);
  };
  it.each(['Il faut redémarrer le service après ce changement.', 'Il est possible de choisir un autre dossier.', "Il n'est pas possible de choisir.", 'Il  se peut que non.', 'À ce jour, rien ne change.', 'Pour ce faire, cliquez sur OK.'])(
    'leaves "%s" alone: it points nowhere back',
    (second) => expect(joined(second)).toBe(false),
  );
  it.each(['Il estime que oui.', 'Il restera à Paris.', 'Il est né à Lyon.', 'Pour cette raison, il part.', "C'est la fin.", 'Cette option copie tout.'])(
    'quotes "%s" with the sentence before it',
    (second) => expect(joined(second)).toBe(true),
  );
});

describe('answer units on generated passages', () => {
  const sentence = fc.oneof(
    fc.constantFrom('Elle organisera la conférence.', 'Il faut redémarrer.', 'Cette option copie tout.', 'Parmi ces villes, Paris.', 'Choisissez Fichier - Ouvrir', '-n', 'Pourquoi Paris ?', "C'est la fin.", 'Ils sont partis.'),
    fc.stringMatching(/^[A-ZÉ][a-zé ,’'-]{0,40}[.!?…]?$/u),
  );
  it('quote the passage exactly at their offsets, in order, and never throw', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 12 }), fc.constantFrom(' ', '\n', '\n\n'), (sentences, separator) => {
        const text = sentences.join(separator);
        const units = answerUnits([retrievedOf(text)]);
        expect(units.map((unit) => unit.start)).toEqual(units.map((unit) => unit.start).sort((a, b) => a - b));
        for (const unit of units) {
          expect(unit.start).toBeGreaterThanOrEqual(0);
          expect(unit.end).toBeGreaterThan(unit.start);
          expect(unit.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(unit.start, unit.end)).toBe(unit.text);
          expect(unit.text.trimEnd().endsWith('?')).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('English questions without the model: words carried into French', () => {
  it('gives the French words of "Who will lead the Paris office?"', () => {
    const words = frenchWordsFor('Who will lead the Paris office?');
    expect(words).toContain('Paris');
    expect(words).toEqual(expect.arrayContaining(['bureau']));
    expect(words).not.toContain('Who');
  });

  it('never throws and gives only non-empty words, whatever the input', () => {
    fc.assert(
      fc.property(fc.string(), (question) => {
        const words = frenchWordsFor(question);
        for (const word of words) expect(word.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Bm25Index.hasTermStartingWith', () => {
  it('agrees with a scan of every term, on generated corpora and prefixes', () => {
    const word = fc.stringMatching(/^[a-zé]{1,8}$/u);
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), word, (docs, prefix) => {
        const index = Bm25Index.build(docs.map((words, i) => ({ id: `d${i}`, text: words.join(' ') })), (text) => text.split(' ').filter((w) => w !== ''));
        const terms = new Set(docs.flat());
        expect(index.hasTermStartingWith(prefix)).toBe([...terms].some((term) => term.startsWith(prefix)));
      }),
      { numRuns: 1000 },
    );
  });
});
