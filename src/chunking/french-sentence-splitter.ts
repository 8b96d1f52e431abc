import { TextSplitter, type TextSplitterParams } from '@langchain/textsplitters';
import { splitSentences, type SentenceSpan } from '../text/index.js';

/** A chunk and its exact place in the split text: `text === source.slice(start, end)`. */
export interface TextChunk {
  text: string;
  start: number;
  end: number;
}

/** A sentence, or a piece of an over-long one, and how strongly it is separated from the previous unit. */
interface Unit extends SentenceSpan {
  /** 0: same line, 1: after a line break, 2: after a blank line (or first unit). */
  breakBefore: 0 | 1 | 2;
}

/**
 * Packs whole French sentences into chunks of at most `chunkSize` characters, consecutive chunks
 * sharing about `chunkOverlap` characters of whole sentences. A chunk starts at the beginning of
 * a line (paragraph, heading, bullet) rather than mid-paragraph when such a start is within the
 * overlap's reach. A sentence longer than `chunkSize` is cut at the last space before the limit;
 * a word longer than `chunkSize` is cut inside, so no chunk is ever longer than `chunkSize`.
 * Lengths are in characters (`lengthFunction` is not used).
 */
export class FrenchSentenceTextSplitter extends TextSplitter {
  static override lc_name(): string {
    return 'FrenchSentenceTextSplitter';
  }

  constructor(fields?: Partial<TextSplitterParams>) {
    super(fields);
    if (!Number.isInteger(this.chunkSize) || this.chunkSize <= 0) {
      throw new Error(`chunkSize must be a positive integer, got ${this.chunkSize}`);
    }
    if (!Number.isInteger(this.chunkOverlap) || this.chunkOverlap < 0) {
      throw new Error(`chunkOverlap must be a non-negative integer, got ${this.chunkOverlap}`);
    }
  }

  override async splitText(text: string): Promise<string[]> {
    return this.splitTextWithOffsets(text).map((chunk) => chunk.text);
  }

  splitTextWithOffsets(text: string): TextChunk[] {
    const units = unitsOf(text, this.chunkSize);
    const chunks: TextChunk[] = [];
    let first = 0;
    while (first < units.length) {
      const end = chunkEnd(units, first, this.chunkSize);
      chunks.push(chunkOf(text, units, first, end));
      if (end >= units.length) break;
      first = nextChunkStart(units, first, end, this.chunkSize, this.chunkOverlap);
    }
    return chunks;
  }
}

function unitsOf(text: string, chunkSize: number): Unit[] {
  const units: Unit[] = [];
  let previousEnd = -1;
  for (const sentence of splitSentences(text)) {
    const breakBefore = previousEnd < 0 ? 2 : breakBetween(text.slice(previousEnd, sentence.start));
    splitLongSentence(text, sentence, chunkSize).forEach((piece, i) => {
      units.push({ ...piece, breakBefore: i === 0 ? breakBefore : 0 });
    });
    previousEnd = sentence.end;
  }
  return units;
}

function breakBetween(gap: string): 0 | 1 | 2 {
  const lineBreaks = (gap.match(/\r\n|[\n\r\u2028\u2029]/gu) ?? []).length;
  return lineBreaks === 0 ? 0 : lineBreaks === 1 ? 1 : 2;
}

/**
 * Cuts at the last whitespace before the limit. A single word longer than the limit (a pasted URL,
 * base64) is cut hard at the limit, never between the two halves of a surrogate pair.
 */
function splitLongSentence(text: string, sentence: SentenceSpan, chunkSize: number): SentenceSpan[] {
  const pieces: SentenceSpan[] = [];
  let start = sentence.start;
  while (sentence.end - start > chunkSize) {
    let cut = start + chunkSize;
    while (cut > start && !/\s/u.test(text[cut] ?? '')) cut--;
    if (cut === start) cut = hardCut(text, start, start + chunkSize);
    let pieceEnd = cut;
    while (pieceEnd > start && /\s/u.test(text[pieceEnd - 1] ?? '')) pieceEnd--;
    pieces.push({ start, end: pieceEnd });
    start = cut;
    while (start < sentence.end && /\s/u.test(text[start] ?? '')) start++;
  }
  if (start < sentence.end) pieces.push({ start, end: sentence.end });
  return pieces;
}

/** `limit`, or one less when that would split a surrogate pair (unless the piece would be empty). */
function hardCut(text: string, start: number, limit: number): number {
  const splitsPair = isHighSurrogate(text.charCodeAt(limit - 1)) && isLowSurrogate(text.charCodeAt(limit));
  return splitsPair && limit - 1 > start ? limit - 1 : limit;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** One past the last unit that still fits in `chunkSize` from `first` (always at least one unit). */
function chunkEnd(units: readonly Unit[], first: number, chunkSize: number): number {
  const start = at(units, first).start;
  let end = first + 1;
  while (end < units.length && at(units, end).end - start <= chunkSize) end++;
  return end;
}

/**
 * Where the chunk after `[first, end)` starts: the unit in `(first, end]` whose overlap with the
 * previous chunk is closest to `chunkOverlap`, preferring units that start a line (paragraph,
 * heading, bullet). The overlap stays under twice `chunkOverlap` and half a chunk, and leaves
 * room for the next unit, so every chunk adds text.
 */
function nextChunkStart(
  units: readonly Unit[],
  first: number,
  end: number,
  chunkSize: number,
  chunkOverlap: number,
): number {
  const maxOverlap = Math.min(chunkSize / 2, 2 * chunkOverlap);
  const overlapEnd = at(units, end - 1).end;
  const nextEnd = at(units, end).end;
  const candidates: number[] = [];
  for (let s = end - 1; s > first; s--) {
    const start = at(units, s).start;
    if (overlapEnd - start >= maxOverlap || nextEnd - start > chunkSize) break;
    candidates.push(s);
  }
  const lineStarts = candidates.filter((s) => at(units, s).breakBefore > 0);
  const pool = lineStarts.length > 0 ? lineStarts : [...candidates, end];
  const distance = (s: number): number =>
    Math.abs((s === end ? 0 : overlapEnd - at(units, s).start) - chunkOverlap);
  return pool.reduce((best, s) => (distance(s) < distance(best) ? s : best));
}

function chunkOf(text: string, units: readonly Unit[], first: number, end: number): TextChunk {
  const start = at(units, first).start;
  const stop = at(units, end - 1).end;
  return { text: text.slice(start, stop), start, end: stop };
}

function at(units: readonly Unit[], i: number): Unit {
  const unit = units[i];
  if (unit === undefined) throw new RangeError(`no unit at ${i}`);
  return unit;
}
