/** A sentence as offsets into the text it was found in: `text.slice(start, end)`, trimmed. */
export interface SentenceSpan {
  start: number;
  end: number;
}

const TERMINATORS = new Set(['.', '!', '?', '…']);
/** Characters that stay with the sentence they close: `… l’IA”.`, `(voir plus haut.)`. */
const CLOSERS = new Set(['»', '”', '"', ')', ']', '’']);
const QUOTE_PAIRS: ReadonlyMap<string, string> = new Map([
  ['«', '»'],
  ['“', '”'],
]);
/** Inline spaces (French typography puts a no-break space before `»`, `!`, `?`). */
const INLINE_SPACE = /[^\S\r\n\u2028\u2029]/u;
const LINE_BREAK = /\r\n|[\n\r\u2028\u2029]/gu;
const SENTENCE_OPENER = /[\p{Lu}\p{N}«“"‘(\[¿¡–—•*-]/u;
const LOWERCASE_START = /^\p{Ll}/u;
/** A line that stops mid-sentence (no final punctuation) can be continued by the next line. */
const LINE_END_MID_SENTENCE = /[\p{Ll},]$/u;

/**
 * Abbreviations (lowercased, without their final period) after which a period does not end a
 * sentence. Single letters ("M.", "J. Dupont", "p.") are handled separately as initials.
 * "etc." is deliberately absent: followed by a capital it usually does end the sentence.
 */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mm', 'mme', 'mmes', 'mlle', 'mlles', 'me', 'mgr', 'dr', 'drs', 'pr', 'prof', 'st', 'ste', 'sts',
  'jr', 'sr', 'cie', 'inc', 'ltd', 'corp', 'co',
  'av', 'apr', 'ex', 'cf', 'vs', 'env', 'vol', 'chap', 'fig', 'art', 'al', 'éd', 'ed', 'coll',
  'no', 'nos', 'op', 'cit', 'ibid', 'id', 'resp', 'bd', 'boul', 'réf', 'ref', 'tél', 'tel',
  'janv', 'févr', 'fév', 'avr', 'juil', 'sept', 'oct', 'nov', 'déc',
  'c.-à-d', 'c-à-d', 'i.e', 'e.g',
]);

/**
 * Splits French text into sentences. A line break always ends a sentence (headings and bullet
 * lines are their own units), except a soft-wrapped line: one that ends in a lowercase letter or
 * a comma and is directly followed by a line that starts in lowercase.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const sentences: SentenceSpan[] = [];
  for (const unit of lineUnits(text)) splitUnit(text, unit, sentences);
  return sentences;
}

/** The sentence that contains `offset` (or the first one after it), or null when there is none. */
export function sentenceAt(text: string, offset: number): SentenceSpan | null {
  for (const sentence of splitSentences(text)) if (offset < sentence.end) return sentence;
  return null;
}

function splitUnit(text: string, unit: SentenceSpan, out: SentenceSpan[]): void {
  const protectedQuotes = embeddedQuotes(text, unit);
  let sentenceStart = unit.start;
  for (let i = unit.start; i < unit.end; i++) {
    if (!isTerminatorAt(text, i)) continue;
    if (protectedQuotes.some((q) => q.start < i && i < q.end)) continue;
    const end = sentenceEnd(text, i, unit.end);
    if (endsSentence(text, sentenceStart, i, end, unit.end)) {
      pushTrimmed(text, sentenceStart, end, out);
      sentenceStart = end;
    }
    i = end - 1;
  }
  pushTrimmed(text, sentenceStart, unit.end, out);
}

/** `[…]` and `(…)` mark a cut inside a quotation, not the end of a sentence. */
function isTerminatorAt(text: string, i: number): boolean {
  const ch = text[i] ?? '';
  if (!TERMINATORS.has(ch)) return false;
  let runStart = i;
  while (TERMINATORS.has(text[runStart - 1] ?? '')) runStart--;
  const previous = text[runStart - 1];
  return !(previous === '[' || previous === '(');
}

/** Offset just after the terminator run at `i` and anything that closes with it (`. »`, `”.`, `?!`). */
function sentenceEnd(text: string, i: number, limit: number): number {
  let j = i;
  for (;;) {
    const ch = text[j] ?? '';
    if (j < limit && (TERMINATORS.has(ch) || CLOSERS.has(ch))) {
      j++;
      continue;
    }
    const afterSpaces = skipInlineSpaces(text, j, limit);
    if (afterSpaces > j && afterSpaces < limit && text[afterSpaces] === '»') {
      j = afterSpaces + 1;
      continue;
    }
    return j;
  }
}

function endsSentence(text: string, sentenceStart: number, i: number, end: number, limit: number): boolean {
  const next = skipInlineSpaces(text, end, limit);
  if (next >= limit) return true;
  if (next === end) return false; // "28.07%", "3.5", "openai.com", "J.-C."
  const nextChar = text[next] ?? '';
  if (!SENTENCE_OPENER.test(nextChar)) return false; // "ses gardes… car", "etc. et"
  if (isEllipsis(text, i) && INLINE_SPACE.test(text[i - 1] ?? '')) return false; // "posées à … Jean"
  if (text[i] === '.' && text[i + 1] !== '.') {
    if (isAbbreviation(wordBefore(text, sentenceStart, i))) return false;
    if (isEnumerator(text.slice(sentenceStart, i).trim())) return false;
  }
  return true;
}

function isEllipsis(text: string, i: number): boolean {
  return text[i] === '…' || text.startsWith('...', i);
}

/** The letters, periods and hyphens just before `i`: "M", "Mme", "J.-C", "av". */
function wordBefore(text: string, from: number, i: number): string {
  let j = i;
  while (j > from && /[\p{L}.\-]/u.test(text[j - 1] ?? '')) j--;
  return text.slice(j, i);
}

function isAbbreviation(word: string): boolean {
  if (/^\p{L}$/u.test(word)) return true; // initials: "M.", "J. Dupont", "p. ex."
  return ABBREVIATIONS.has(word.toLowerCase());
}

/** "1. Introduction", "a. premier point", "IV. Conclusion". */
function isEnumerator(sentenceSoFar: string): boolean {
  return /^(?:\d{1,3}|[IVXLC]{1,5})$/u.test(sentenceSoFar);
}

/**
 * Quotations whose inner terminators do not end the sentence: those the sentence continues after
 * (`« Je pars ! » a-t-il dit`, `« … dynamique ».`). A quotation closed right before a capital or
 * the end of the line holds sentences of its own and is split normally.
 */
function embeddedQuotes(text: string, unit: SentenceSpan): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const open: { index: number; closer: string }[] = [];
  for (let i = unit.start; i < unit.end; i++) {
    const ch = text[i] ?? '';
    const closer = QUOTE_PAIRS.get(ch);
    if (closer !== undefined) {
      open.push({ index: i, closer });
      continue;
    }
    const top = open[open.length - 1];
    if (top === undefined || ch !== top.closer) continue;
    open.pop();
    if (continuesAfter(text, i + 1, unit.end)) spans.push({ start: top.index, end: i });
  }
  return spans;
}

function continuesAfter(text: string, from: number, limit: number): boolean {
  const next = skipInlineSpaces(text, from, limit);
  if (next >= limit) return false;
  const ch = text[next] ?? '';
  return TERMINATORS.has(ch) || /[,;:)\]]/u.test(ch) || /\p{Ll}/u.test(ch);
}

function skipInlineSpaces(text: string, from: number, limit: number): number {
  let j = from;
  while (j < limit && INLINE_SPACE.test(text[j] ?? '')) j++;
  return j;
}

/** Lines, with soft-wrapped continuation lines joined to the line they continue. */
function lineUnits(text: string): SentenceSpan[] {
  const lines: SentenceSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(LINE_BREAK)) {
    lines.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  lines.push({ start, end: text.length });

  const units: SentenceSpan[] = [];
  for (const line of lines) {
    const previous = units[units.length - 1];
    const body = text.slice(line.start, line.end).trim();
    if (previous !== undefined && body !== '' && continuesLine(text, previous, line.start, body)) {
      previous.end = line.end;
    } else if (body !== '') {
      units.push({ ...line });
    }
  }
  return units;
}

function continuesLine(text: string, previous: SentenceSpan, lineStart: number, body: string): boolean {
  const gap = text.slice(previous.end, lineStart);
  if ((gap.match(LINE_BREAK) ?? []).length !== 1) return false;
  const previousBody = text.slice(previous.start, previous.end).trimEnd();
  return LINE_END_MID_SENTENCE.test(previousBody) && LOWERCASE_START.test(body);
}

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  if (e > s) out.push({ start: s, end: e });
}
