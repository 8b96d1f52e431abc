import { loadJsdom, loadReadability } from './lazy-dom.js';
import {
  DROPPED_ELEMENTS,
  headingLevel,
  LINE_ELEMENTS,
  OffsetTextWriter,
  PARAGRAPH_ELEMENTS,
  writeText,
  type HtmlText,
} from './html-to-text.js';
import { textOrNull } from './one-line.js';
import { pageMetadata, type PageMetadata } from './page-metadata.js';

export interface ReadableHtml {
  /** The article's visible text, each character mapped to its source in the raw file; null when the reader found none. */
  text: HtmlText | null;
  /** What the page declares (JSON-LD, OpenGraph, canonical link), and what the reader found (byline, site name). */
  metadata: PageMetadata;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const BYTE_ORDER_MARK = '\ufeff';

/**
 * The main content of a web page as Firefox's reader view finds it (Mozilla's Readability), with
 * exact offsets: jsdom records where each text node stands in the file, and Readability moves the
 * page's own nodes into the article rather than copying them, so every character of the article
 * text still maps to its source. `text` is null when Readability finds no article (too little text),
 * or when a text node of its result has no place in the file (it made new text): the caller then
 * reads the whole page with its own rules.
 */
export function readableHtml(raw: string): ReadableHtml {
  // The parser drops a leading byte-order mark; offsets must still index the raw file.
  const shift = raw.startsWith(BYTE_ORDER_MARK) ? 1 : 0;
  const { JSDOM } = loadJsdom();
  const { Readability } = loadReadability();
  const dom = new JSDOM(shift ? raw.slice(shift) : raw, { includeNodeLocations: true });
  const document = dom.window.document;
  const metadata = pageMetadata(document);
  const article = new Readability(document, { serializer: (element) => element, keepClasses: false }).parse();
  const root = article?.content as unknown as Element | null | undefined;
  const readerMetadata: PageMetadata = {
    ...metadata,
    author: metadata.author ?? textOrNull(article?.byline),
    outlet: metadata.outlet ?? textOrNull(article?.siteName),
  };
  if (!root) return { text: null, metadata: readerMetadata };
  const writer = new OffsetTextWriter();
  const located = (node: Node) => {
    // An element's location also has its end tag's (parse5's ElementLocation), which the typings leave out.
    const location = dom.nodeLocation(node) as { startOffset: number; endOffset: number; endTag?: { startOffset: number } } | null;
    return location ? { start: location.startOffset + shift, end: location.endOffset + shift, endTag: location.endTag ? location.endTag.startOffset + shift : null } : null;
  };
  const complete = writeChildren(root, writer, raw, located, false);
  const text = writer.result();
  return { text: complete && text.text.trim() !== '' ? text : null, metadata: readerMetadata };
}

type Locate = (node: Node) => { start: number; end: number; endTag: number | null } | null;

/** Inside a table cell, blocks are run together: a table row is one line, its cells separated by spaces. */
const CELL_ELEMENTS = new Set(['td', 'th']);

function writeChildren(parent: Node, writer: OffsetTextWriter, raw: string, locate: Locate, preformatted: boolean, inCell = false): boolean {
  for (const child of Array.from(parent.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      const location = locate(child);
      if (location === null) {
        if ((child.textContent ?? '').trim() === '') continue;
        return false;
      }
      writeText(writer, raw, location, preformatted);
    } else if (child.nodeType === ELEMENT_NODE) {
      const name = (child as Element).localName;
      if (DROPPED_ELEMENTS.has(name) || isPermalink(child as Element) || isTableOfContents(child as Element)) continue;
      const location = locate(child);
      const opening = location?.start ?? writer.lastEnd;
      if (name === 'br') {
        writer.requestBreak(1, opening, true);
        continue;
      }
      const closing = location?.endTag ?? writer.lastEnd;
      const cell = inCell || CELL_ELEMENTS.has(name);
      if (cell && (CELL_ELEMENTS.has(name) || PARAGRAPH_ELEMENTS.has(name) || LINE_ELEMENTS.has(name))) {
        writer.requestSpace(opening);
        if (!writeChildren(child, writer, raw, locate, preformatted || name === 'pre', true)) return false;
        writer.requestSpace(closing);
        continue;
      }
      const breaks = PARAGRAPH_ELEMENTS.has(name) ? 2 : LINE_ELEMENTS.has(name) ? 1 : 0;
      const level = headingLevel(name);
      if (breaks > 0) writer.requestBreak(breaks, opening, false);
      if (level !== null) writer.beginHeading(level);
      if (!writeChildren(child, writer, raw, locate, preformatted || name === 'pre', cell)) return false;
      if (level !== null) writer.endHeading();
      if (breaks > 0) writer.requestBreak(breaks, closing, false);
    }
  }
  return true;
}

/** Symbols that documentation generators put in a heading's own link ("¶" of Sphinx, "#" of MkDocs). */
const PERMALINK_TEXT = /^\s*[¶#§🔗]\s*$/u;
/** Share of a block's text in links to its own page's anchors above which it is a table of contents. */
const TABLE_OF_CONTENTS_LINK_SHARE = 0.6;

function isPermalink(element: Element): boolean {
  return element.localName === 'a' && PERMALINK_TEXT.test(element.textContent ?? '');
}

/** A block of at least two links to anchors of the same page, which hold most of its text ("Sommaire: Principe, Options…"). */
function isTableOfContents(element: Element): boolean {
  if (!['ul', 'ol', 'div', 'nav', 'section'].includes(element.localName)) return false;
  const anchors = Array.from(element.querySelectorAll('a[href^="#"]')).filter((link) => !isPermalink(link));
  if (anchors.length < 2) return false;
  const linkText = anchors.reduce((sum, link) => sum + (link.textContent ?? '').trim().length, 0);
  const allText = (element.textContent ?? '').replace(/\s+/gu, '').length;
  return allText > 0 && linkText / allText >= TABLE_OF_CONTENTS_LINK_SHARE;
}

