/** The units an extractive answer is made of: sentences, and short lines read with what follows them. */
import { FRENCH, impersonalAfterIl } from '../text/index.js';
import type { Passage } from '../chunking/index.js';
import type { RetrievedPassage } from '../retrieval/index.js';
import { splitSentences } from '../text/index.js';

export interface AnswerUnit {
  retrieved: RetrievedPassage;
  /** 0-based rank of the passage in the retrieved list. */
  passageRank: number;
  /** Offsets of the unit within the passage text. */
  start: number;
  end: number;
  text: string;
  /** The sentence before the unit (it often names what "elle" refers to, or is the question an interview answers). */
  previousText: string;
  previousIsQuestion: boolean;
  /** A line without final punctuation (a list item, a table cell, an option, a step), read with the sentence after it. */
  isShortLine: boolean;
}

const ENDS_LIKE_A_SENTENCE = /[.!…»”":;]\s*$/u;
/** Unpunctuated lines up to this length are headings, list items, cells or options; longer ones are sentences. */
const MAX_SHORT_LINE = 100;
/** Units shorter than this are fragments ("Cliquez sur OK" is 14), not answers, unless read with what follows. */
const MIN_UNIT_LENGTH = 12;
/**
 * A sentence that opens on a word pointing back ("Elle organisera dans la cité-État…", "Ce qui lui
 * offre…", "Cette option…", "Parmi ces opportunités…") does not say alone what it is about: it is quoted with the sentence
 * before it. Impersonal "il" ("Il faut…", "Il est possible…") points nowhere.
 */
const POINTS_BACK = new RegExp(
  [
    String.raw`^C['’]est(?![\p{L}])`,
    String.raw`^(?:Parmi|Pour|Dans|Avec|Par|Selon|Outre|Après|Avant|Depuis|De|En|À|Sur|Malgré)\s+(?:ces|cette|cet|celle-ci|celui-ci|ceux-ci|celles-ci|cela)(?![\p{L}\p{N}-])`,
    String.raw`^(?:Elle|Elles|Ils|Celle-ci|Celui-ci|Celles-ci|Ceux-ci|Cela|Ceci|Ça|Ce|Cet|Cette|Ces|Son|Sa|Ses|Leur|Leurs)(?![\p{L}\p{N}-])`,
    String.raw`^Il(?![\p{L}\p{N}-])(?!\s+(?:ne\s+|n['’])?` + impersonalAfterIl(FRENCH, { adverbs: true, sentenceOpening: true }) + ')',
  ].join('|'),
  'u',
);

/**
 * A passage's sentences, split once for the life of the loaded index: splitting was a third of
 * the answerer's time, redone for the same passages at every question.
 */
const sentencesOfPassage = new WeakMap<Passage, { start: number; end: number; text: string }[]>();

function sentencesOf(passage: Passage): { start: number; end: number; text: string }[] {
  let sentences = sentencesOfPassage.get(passage);
  if (!sentences) {
    const text = passage.text;
    sentences = splitSentences(text).map((span) => ({ start: span.start, end: span.end, text: text.slice(span.start, span.end) }));
    sentencesOfPassage.set(passage, sentences);
  }
  return sentences;
}

/**
 * Every answer unit of the retrieved passages. A question ("Pourquoi Paris ?" in an interview) is
 * never a unit: it is the context of the next one. A short unpunctuated line is never a unit alone
 * when something follows it: before a long sentence it is a heading, and the context of that
 * sentence; before another short line it is a table cell, an option or a step, read together with
 * the line after it ("EXT" + "Un clic de la souris marque une plage…").
 */
export function answerUnits(retrieved: RetrievedPassage[]): AnswerUnit[] {
  return retrieved.flatMap((item, passageRank) => {
    const text = item.passage.text;
    const sentences = sentencesOf(item.passage);
    const units: AnswerUnit[] = [];
    sentences.forEach((sentence, i) => {
      const previous = sentences[i - 1];
      const base = {
        retrieved: item,
        passageRank,
        previousText: previous?.text ?? '',
        previousIsQuestion: previous?.text.trimEnd().endsWith('?') ?? false,
      };
      if (sentence.text.trimEnd().endsWith('?')) return;
      const short = !ENDS_LIKE_A_SENTENCE.test(sentence.text) && sentence.text.length <= MAX_SHORT_LINE;
      const next = sentences[i + 1];
      // Before a long sentence, a short line is a heading: that sentence is the unit (with the heading as its context).
      if (short && next && next.text.length > MAX_SHORT_LINE) return;
      if (short && next && !next.text.trimEnd().endsWith('?')) {
        units.push({ ...base, start: sentence.start, end: next.end, text: text.slice(sentence.start, next.end), isShortLine: true });
        return;
      }
      if (sentence.text.length < MIN_UNIT_LENGTH) return;
      if (!short && previous && !base.previousIsQuestion && ENDS_LIKE_A_SENTENCE.test(previous.text) && POINTS_BACK.test(sentence.text.trimStart())) {
        const before = sentences[i - 2];
        units.push({ ...base, previousText: before?.text ?? '', start: previous.start, end: sentence.end, text: text.slice(previous.start, sentence.end), isShortLine: false });
        return;
      }
      units.push({ ...base, start: sentence.start, end: sentence.end, text: sentence.text, isShortLine: short });
    });
    return units;
  });
}
