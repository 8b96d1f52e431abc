import type { HtmlText } from './html-to-text.js';
import { oneLine } from './one-line.js';

/** A line of the whole page this long is prose (navigation, menus and tables of contents are short lines). */
const PROSE_LINE_LENGTH = 100;
/**
 * Readability keeps one part of some long structured pages and drops the rest: on 25 pages of
 * Debian's French documentation it kept 0–9% of the prose of three chapters and 32–45% of three
 * more, where 57–100% is usual (news pages, LibreOffice's help). Below this share of the page's
 * prose, the whole page is read with the line rules instead: losing article text is worse than
 * keeping some furniture.
 */
export const MIN_PROSE_KEPT = 0.5;

/** Stands, on a line of its own, where the reader left out page text: the line rules make it end a block. */
export const SKIPPED_TEXT_MARK = '\ufffc';
const ALPHANUMERIC = /[\p{L}\p{N}]/u;

/**
 * Readability's text, unless it dropped most of the prose that the whole page holds. Where it left
 * out text between two of its characters (an advertisement, a share bar inside the article), a
 * SKIPPED_TEXT_MARK line is put in, so no passage spans text that is not part of it.
 */
export function chooseHtmlText(readable: HtmlText | null, wholePage: HtmlText, shownPage: HtmlText = wholePage): HtmlText {
  if (readable === null) return wholePage;
  // Text a browser does not show (hidden elements) is not text the reader left out.
  return keepsProse(readable, wholePage) ? markSkippedText(readable, shownPage) : wholePage;
}

function keepsProse(readable: HtmlText, wholePage: HtmlText): boolean {
  const prose = wholePage.text.split('\n').map(oneLine).filter((line) => line.length >= PROSE_LINE_LENGTH);
  if (prose.length === 0) return true;
  const kept = oneLine(readable.text);
  const total = prose.reduce((sum, line) => sum + line.length, 0);
  const keptLength = prose.filter((line) => kept.includes(line)).reduce((sum, line) => sum + line.length, 0);
  return keptLength / total >= MIN_PROSE_KEPT;
}

function markSkippedText(readable: HtmlText, wholePage: HtmlText): HtmlText {
  // Raw offsets of the page's letters and digits, in file order.
  const pageLetters: number[] = [];
  // By UTF-16 code unit, as `offsets` are: an emoji is two of them.
  for (let i = 0; i < wholePage.text.length; i += 1) {
    if (ALPHANUMERIC.test(wholePage.text[i] ?? '')) pageLetters.push(wholePage.offsets[i] ?? 0);
  }
  const result: HtmlText = { text: '', offsets: [], ends: [] };
  const chars: string[] = [];
  const push = (char: string, start: number, end: number) => {
    chars.push(char);
    result.offsets.push(start);
    result.ends.push(end);
  };
  let lastEnd: number | null = null;
  // Where each character of `readable` lands once marks are put in, to move its headings with it.
  const moved: number[] = [];
  for (let i = 0; i < readable.text.length; i += 1) {
    const char = readable.text[i] ?? '';
    const start = readable.offsets[i] ?? 0;
    const end = readable.ends[i] ?? start;
    // The mark goes right at the gap, before whatever comes after it (a letter, or the "«" of a quote).
    if (!/\s/u.test(char)) {
      if (lastEnd !== null && start > lastEnd && hasLetterIn(pageLetters, lastEnd, start)) {
        push('\n', lastEnd, lastEnd + 1);
        push(SKIPPED_TEXT_MARK, lastEnd, lastEnd + 1);
        push('\n', lastEnd, lastEnd + 1);
      }
      lastEnd = end;
    }
    moved.push(chars.length);
    push(char, start, end);
  }
  moved.push(chars.length);
  result.text = chars.join('');
  result.headings = (readable.headings ?? []).map((heading) => ({ ...heading, start: moved[heading.start] ?? heading.start, end: moved[heading.end] ?? heading.end }));
  return result;
}

/** Whether a letter or digit of the page stands at a raw offset in [from, to). */
function hasLetterIn(sortedOffsets: readonly number[], from: number, to: number): boolean {
  let low = 0;
  let high = sortedOffsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sortedOffsets[middle] ?? 0) < from) low = middle + 1;
    else high = middle;
  }
  return low < sortedOffsets.length && (sortedOffsets[low] ?? Infinity) < to;
}

