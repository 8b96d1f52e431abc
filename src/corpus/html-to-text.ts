import { matchEntityAt } from './html-entities.js';
import { tokenizeHtml } from './html-tokens.js';
import type { HtmlToken } from './html-tokens.js';

/** Text of an HTML page with, for each character, where it came from in the raw file. */
export interface HtmlText {
  text: string;
  /** `offsets[i]`: raw index where `text[i]` starts (the "&" of an entity, the "<" of a tag that made a line break). */
  offsets: number[];
  /** `ends[i]`: raw index just after the source of `text[i]` (after the ";" of an entity). */
  ends: number[];
  /** Ranges of `text` that are headings (h1–h6, Markdown "#"), with their level. */
  headings?: TextHeading[];
}

export interface TextHeading {
  start: number;
  end: number;
  level: number;
}

/** h1…h6 → 1…6; null for other elements. */
export function headingLevel(name: string): number | null {
  const match = /^h([1-6])$/u.exec(name);
  return match ? Number(match[1]) : null;
}

/** Elements dropped with everything inside them: code, page chrome, forms. */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'head', 'title', 'script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'iframe',
  'object', 'embed', 'nav', 'footer', 'aside', 'form', 'button', 'select', 'dialog', 'noembed', 'noframes',
]);
/** Site headers are chrome; a <header> inside <article>/<main> holds the headline and byline, so it stays. */
const ARTICLE_CONTAINERS = new Set(['article', 'main']);
export const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** Block elements whose boundaries separate paragraphs (a blank line). */
export const PARAGRAPH_ELEMENTS: ReadonlySet<string> = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'ul', 'ol', 'dl', 'table', 'figure',
  'section', 'article', 'main', 'header', 'hr', 'address', 'details', 'hgroup',
]);
/** Block elements whose boundaries end a line. */
export const LINE_ELEMENTS: ReadonlySet<string> = new Set([
  'div', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'caption', 'figcaption', 'summary', 'body', 'html',
  'tbody', 'thead', 'tfoot', 'legend', 'fieldset', 'center', 'option',
]);
const COLLAPSIBLE_SPACE = /[ \t\n\r\f]/u;
const BYTE_ORDER_MARK = '\ufeff';

/**
 * Visible text of an HTML page: tags, comments, scripts, styles and page chrome removed, entities
 * decoded, whitespace collapsed as a browser does, block boundaries as "\n" ("\n\n" between paragraphs).
 * `dropHidden` also leaves out elements marked hidden (what Readability leaves out too).
 */
export function htmlToText(raw: string, options: { dropHidden?: boolean } = {}): HtmlText {
  const writer = new OffsetTextWriter();
  const dropped: string[] = [];
  let articleDepth = 0;
  let preDepth = 0;
  for (const token of tokenizeHtml(raw)) {
    if (token.kind === 'comment') continue;
    if (token.kind === 'text') {
      if (dropped.length === 0) writeText(writer, raw, token, preDepth > 0);
      continue;
    }
    if (dropped.length > 0) {
      updateDroppedStack(dropped, token);
      continue;
    }
    const opens = !token.closing && !token.selfClosing && !VOID_ELEMENTS.has(token.name);
    if (opens && (isDropped(token.name, articleDepth) || (options.dropHidden === true && isHidden(token)))) {
      dropped.push(token.name);
      continue;
    }
    if (ARTICLE_CONTAINERS.has(token.name)) articleDepth = Math.max(0, articleDepth + (token.closing ? -1 : opens ? 1 : 0));
    if (token.name === 'pre') preDepth = Math.max(0, preDepth + (token.closing ? -1 : opens ? 1 : 0));
    const level = headingLevel(token.name);
    if (level !== null && opens) writer.beginHeading(level);
    if (level !== null && token.closing) writer.endHeading();
    if (token.name === 'br' && !token.closing) writer.requestBreak(1, token.start, true);
    else if (PARAGRAPH_ELEMENTS.has(token.name)) writer.requestBreak(2, token.start, false);
    else if (LINE_ELEMENTS.has(token.name)) writer.requestBreak(1, token.start, false);
  }
  return writer.result();
}

/** The `hidden` attribute: a browser does not show the element (aria-hidden only hides it from screen readers). */
function isHidden(token: Extract<HtmlToken, { kind: 'tag' }>): boolean {
  return 'hidden' in token.attributes;
}

function isDropped(name: string, articleDepth: number): boolean {
  return DROPPED_ELEMENTS.has(name) || (name === 'header' && articleDepth === 0);
}

/** Tracks nesting inside a dropped element; </body> or </html> ends it if the page never closed it. */
function updateDroppedStack(dropped: string[], token: Extract<HtmlToken, { kind: 'tag' }>): void {
  const top = dropped[dropped.length - 1];
  if (token.closing && (token.name === 'body' || token.name === 'html')) dropped.length = 0;
  else if (token.closing && token.name === top) dropped.pop();
  else if (!token.closing && !token.selfClosing && token.name === top) dropped.push(token.name);
}

/** Writes the raw span `token` of a text node: entities decoded, whitespace collapsed unless `preformatted`. */
export function writeText(writer: OffsetTextWriter, raw: string, token: { start: number; end: number }, preformatted: boolean): void {
  let index = token.start;
  while (index < token.end) {
    const char = raw[index] ?? '';
    const entity = char === '&' ? matchEntityAt(raw, index) : null;
    if (index === 0 && char === BYTE_ORDER_MARK) {
      index += 1; // the file's byte-order mark, not page text (a browser drops it when decoding)
    } else if (entity && index + entity.length <= token.end) {
      for (const unit of splitCodeUnits(entity.text)) writer.writeVisible(unit, index, index + entity.length);
      index += entity.length;
    } else if (preformatted && char === '\n') {
      writer.requestBreak(1, index, true);
      index += 1;
    } else if (preformatted && char === '\r') {
      index += 1;
    } else if (!preformatted && COLLAPSIBLE_SPACE.test(char)) {
      writer.requestSpace(index);
      index += 1;
    } else {
      writer.writeVisible(char, index, index + 1);
      index += 1;
    }
  }
}

function splitCodeUnits(text: string): string[] {
  return Array.from({ length: text.length }, (_, i) => text[i] ?? '');
}

/** Builds text and offsets together, so they can never drift apart. */
export class OffsetTextWriter {
  private readonly chars: string[] = [];
  private readonly offsets: number[] = [];
  private readonly ends: number[] = [];
  private pendingSpace: number | null = null;
  private pendingBreaks = 0;
  private pendingBreakOffset = 0;
  private readonly headings: TextHeading[] = [];
  private openHeading: { start: number; level: number } | null = null;

  /** Raw index just after the last character written (0 before any). */
  get lastEnd(): number {
    return this.ends[this.ends.length - 1] ?? 0;
  }

  requestSpace(offset: number): void {
    if (this.pendingBreaks === 0) this.pendingSpace ??= offset;
  }

  /** `forced` breaks (<br>, newlines in <pre>) add up; block boundaries merge into the largest one. */
  requestBreak(count: number, offset: number, forced: boolean): void {
    if (this.pendingBreaks === 0) this.pendingBreakOffset = offset;
    this.pendingBreaks = forced ? Math.min(2, this.pendingBreaks + count) : Math.max(this.pendingBreaks, count);
    this.pendingSpace = null;
  }

  writeVisible(char: string, start: number, end: number): void {
    if (this.chars.length > 0) {
      for (let i = 0; i < this.pendingBreaks; i += 1) this.push('\n', this.pendingBreakOffset, this.pendingBreakOffset + 1);
      if (this.pendingBreaks === 0 && this.pendingSpace !== null) this.push(' ', this.pendingSpace, this.pendingSpace + 1);
    }
    this.pendingBreaks = 0;
    this.pendingSpace = null;
    this.push(char, start, end);
  }

  /** Marks the text written from now until `endHeading` as a heading. */
  beginHeading(level: number): void {
    this.openHeading = { start: this.chars.length, level };
  }

  endHeading(): void {
    if (this.openHeading && this.chars.length > this.openHeading.start) this.headings.push({ ...this.openHeading, end: this.chars.length });
    this.openHeading = null;
  }

  result(): HtmlText {
    return { text: this.chars.join(''), offsets: this.offsets, ends: this.ends, headings: this.headings };
  }

  private push(char: string, start: number, end: number): void {
    this.chars.push(char);
    this.offsets.push(start);
    this.ends.push(end);
  }
}
