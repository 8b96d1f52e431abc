import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sentenceAt, splitSentences } from '../src/text/sentences.js';

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));

function sentencesOf(text: string): string[] {
  return splitSentences(text).map((s) => text.slice(s.start, s.end));
}

describe('splitSentences', () => {
  it('splits after a period followed by a capital, not after "M."', () => {
    expect(sentencesOf('M. Dupont est arrivé. Il parle.')).toEqual(['M. Dupont est arrivé.', 'Il parle.']);
  });

  it('keeps abbreviations and initials inside the sentence', () => {
    expect(
      sentencesOf(
        'Mme. Durand et le Dr. Martin sont là. Ils parlent avec J. Dupont. ' +
          'César est mort en 44 av. J.-C. Son fils, p. ex. Octave, règne. ' +
          'Des pommes, des poires, etc. sont vendues.',
      ),
    ).toEqual([
      'Mme. Durand et le Dr. Martin sont là.',
      'Ils parlent avec J. Dupont.',
      'César est mort en 44 av. J.-C.',
      'Son fils, p. ex. Octave, règne.',
      'Des pommes, des poires, etc. sont vendues.',
    ]);
  });

  it('never splits inside numbers', () => {
    const text = 'OpenAI a levé 6,6 milliards. Il reste 28.07% à lire, 1 000 euros, soit 3.5 fois plus.';
    expect(sentencesOf(text)).toEqual([
      'OpenAI a levé 6,6 milliards.',
      'Il reste 28.07% à lire, 1 000 euros, soit 3.5 fois plus.',
    ]);
  });

  it('keeps a quotation the sentence continues after as one sentence', () => {
    expect(sentencesOf('Il a dit « Je pars. Adieu » puis il est sorti. Fin.')).toEqual([
      'Il a dit « Je pars. Adieu » puis il est sorti.',
      'Fin.',
    ]);
    expect(sentencesOf('Il a dit « Nous attendons. C’est bien de l’IA ». L’équipe suit.')).toEqual([
      'Il a dit « Nous attendons. C’est bien de l’IA ».',
      'L’équipe suit.',
    ]);
    expect(sentencesOf('Elle affirme : “Avec une équipe. Nous pourrons tout”. Ensuite rien.')).toEqual([
      'Elle affirme : “Avec une équipe. Nous pourrons tout”.',
      'Ensuite rien.',
    ]);
  });

  it('ends a sentence that closes inside a quotation after the closing mark', () => {
    expect(sentencesOf('Il conclut : « C’est la fin. » Puis il part.')).toEqual([
      'Il conclut : « C’est la fin. »',
      'Puis il part.',
    ]);
  });

  it('splits on ! ? and … only before a new sentence', () => {
    expect(
      sentencesOf('OpenAI ouvre à Paris ! Pourquoi maintenant ? Il doit rester sur ses gardes… car l’IA attire. Fin… Puis rien [...] ici.'),
    ).toEqual([
      'OpenAI ouvre à Paris !',
      'Pourquoi maintenant ?',
      'Il doit rester sur ses gardes… car l’IA attire.',
      'Fin…',
      'Puis rien [...] ici.',
    ]);
  });

  it('ends a sentence at a line break: headings, bullets and numbered items are units', () => {
    const text = 'Titre sans point\nPremier paragraphe. Deuxième phrase.\n  • Puce un\n• Puce deux\n\n1. Introduction';
    expect(sentencesOf(text)).toEqual([
      'Titre sans point',
      'Premier paragraphe.',
      'Deuxième phrase.',
      '• Puce un',
      '• Puce deux',
      '1. Introduction',
    ]);
  });

  it('joins a soft-wrapped line that continues in lowercase', () => {
    expect(sentencesOf('Une phrase coupée\nen deux lignes. Suite.')).toEqual(['Une phrase coupée\nen deux lignes.', 'Suite.']);
  });

  it('covers all non-whitespace content of every corpus article, trimmed and in order', () => {
    for (const file of readdirSync(CORPUS)) {
      const raw = readFileSync(join(CORPUS, file), 'utf8');
      const spans = splitSentences(raw);
      expect(spans.length).toBeGreaterThan(10);
      let previousEnd = 0;
      for (const span of spans) {
        expect(span.start).toBeGreaterThanOrEqual(previousEnd);
        expect(span.end).toBeGreaterThan(span.start);
        const sentence = raw.slice(span.start, span.end);
        expect(sentence).toBe(sentence.trim());
        expect(raw.slice(previousEnd, span.start).trim()).toBe('');
        previousEnd = span.end;
      }
      expect(raw.slice(previousEnd).trim()).toBe('');
    }
  });

  it('finds the real sentences of a corpus article', () => {
    const raw = readFileSync(join(CORPUS, '001_2f24b03e2d55c6bf.txt'), 'utf8');
    const sentences = sentencesOf(raw);
    expect(sentences).toContain(
      'Par exemple, Julie Lavet a été recrutée pour diriger le lobbying en Europe, un poste clé pour s’assurer qu’OpenAI soit bien représentée auprès des régulateurs.',
    );
    expect(sentences).toContain('Pourquoi Paris est-elle si attractive pour OpenAI ?');
    expect(sentences).toContain(
      'Autant dire qu’OpenAI doit rester sur ses gardes… car l’IA attire de nombreux investisseurs et acteurs prêts à tout pour dominer ce secteur.',
    );
  });
});

describe('sentenceAt', () => {
  it('returns the sentence containing an offset', () => {
    const text = 'M. Dupont est arrivé. Il parle.';
    expect(sentenceAt(text, text.indexOf('parle'))).toEqual({ start: 22, end: text.length });
    expect(sentenceAt(text, 0)).toEqual({ start: 0, end: 21 });
    expect(sentenceAt(text, text.length)).toBeNull();
  });
});
