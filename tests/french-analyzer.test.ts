import { describe, expect, it } from 'vitest';
import { analyzeFrench, analyzeFrenchWithOffsets, FRENCH_STOP_WORDS } from '../src/text/french-analyzer.js';

const termOf = (word: string): string => {
  const terms = analyzeFrench(word);
  expect(terms).toHaveLength(1);
  return terms[0] ?? '';
};

describe('analyzeFrench', () => {
  it('strips elisions written with either apostrophe', () => {
    const terms = analyzeFrench('l’intelligence d\'OpenAI');
    expect(terms).toEqual([termOf('intelligence'), termOf('OpenAI')]);
    expect(terms).not.toContain('l');
    expect(terms).not.toContain('d');
    expect(analyzeFrench('jusqu’à lorsqu\'il qu’elle c’est s’y n’a')).toEqual([]);
    expect(analyzeFrench('qu’OpenAI')).toEqual(analyzeFrench('OpenAI'));
  });

  it('reads an English possessive as the bare name, so an English question matches the name', () => {
    expect(analyzeFrench("OpenAI's lobbying")).toEqual(analyzeFrench('OpenAI lobbying'));
    expect(analyzeFrench('Mistral’s')).toEqual(analyzeFrench('Mistral'));
  });

  it('removes stop words, question words and auxiliaries', () => {
    expect(analyzeFrench('Qui est-ce ? Où, quand, comment, pourquoi et combien ? Quel est le but ?')).toEqual(['but']);
    expect(analyzeFrench('Qu’est-ce que c’est ? Il a été, ils ont eu, elles sont, nous avons')).toEqual([]);
  });

  it('gives inflected forms one term', () => {
    expect(termOf('recrutée')).toBe(termOf('recruter'));
    expect(termOf('dirigé')).toBe(termOf('diriger'));
    expect(termOf('dirige')).toBe(termOf('diriger'));
    expect(termOf('européenne')).toBe(termOf('européen'));
    expect(termOf('européens')).toBe(termOf('Europe'));
  });

  it('normalises case, Unicode form and accents', () => {
    expect(termOf('e\u0301quipe')).toBe(termOf('équipe'));
    expect(termOf('ÉQUIPES')).toBe(termOf('équipe'));
    expect(termOf('equipe')).toBe(termOf('équipe'));
    expect(termOf('cœur')).toBe(termOf('coeur'));
  });

  it('keeps numbers: decimals with a comma, grouped thousands joined', () => {
    expect(analyzeFrench('6,6 milliards en 2022')).toEqual(['6,6', termOf('milliards'), '2022']);
    expect(analyzeFrench('28.07%')).toEqual(['28,07']);
    expect(analyzeFrench('1 000 milliards')).toEqual(['1000', termOf('milliards')]);
    expect(analyzeFrench('1\u00A0000')).toEqual(['1000']);
  });

  it('splits hyphenated words', () => {
    expect(analyzeFrench('Royaume-Uni')).toEqual([termOf('Royaume'), termOf('Uni')]);
  });
});

describe('analyzeFrenchWithOffsets', () => {
  it('points each term at its word in the original text', () => {
    const text = 'L’équipe d’OpenAI a levé 6,6\u00A0milliards.';
    const terms = analyzeFrenchWithOffsets(text);
    expect(terms.map((t) => text.slice(t.start, t.end))).toEqual(['équipe', 'OpenAI', 'levé', '6,6', 'milliards']);
    expect(terms.map((t) => t.term)).toEqual(analyzeFrench(text));
  });
});

describe('FRENCH_STOP_WORDS', () => {
  it('holds question words and auxiliaries, accented and folded, and is read-only', () => {
    for (const word of ['qui', 'que', 'quoi', 'quel', 'où', 'ou', 'quand', 'comment', 'pourquoi', 'combien', 'a', 'ont', 'été', 'ete', 'est', 'sont']) {
      expect(FRENCH_STOP_WORDS.has(word)).toBe(true);
    }
    expect(FRENCH_STOP_WORDS.has('europe')).toBe(false);
    expect(() => (FRENCH_STOP_WORDS as Set<string>).add('europe')).toThrow(TypeError);
    expect(() => (FRENCH_STOP_WORDS as Set<string>).clear()).toThrow(TypeError);
    expect(FRENCH_STOP_WORDS.has('qui')).toBe(true);
  });
});

describe('stem families', () => {
  it('brings derivations a reader treats as one word together, and keeps "fonds" apart from "fondée"', () => {
    expect(analyzeFrench('dirigera')).toEqual(analyzeFrench('direction'));
    expect(analyzeFrench('directeur')).toEqual(analyzeFrench('diriger'));
    expect(analyzeFrench('choix')).toEqual(analyzeFrench('choisi'));
    expect(analyzeFrench('fonds')).not.toEqual(analyzeFrench('fondée'));
  });
});

describe('questions typed without accents', () => {
  it.each([
    ['lancée', 'lancee'],
    ['créée', 'creee'],
    ['fondée', 'fondee'],
    ['activité', 'activite'],
    ['européenne', 'europeenne'],
    ['recrutée', 'recrutee'],
  ])('"%s" and "%s" give the same term', (accented, typed) => {
    expect(analyzeFrench(typed)).toEqual(analyzeFrench(accented));
  });
});
