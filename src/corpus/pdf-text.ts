import { createRequire } from 'node:module';
import path from 'node:path';
import { parseFrenchDate } from './french-date.js';
import { textOrNull } from './one-line.js';

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  /** Offsets of the page's text in `PdfText.text`. */
  start: number;
  end: number;
}

export interface PdfText {
  /** The document's text, page after page (a form feed on its own line between pages), a blank line between paragraphs. */
  text: string;
  pages: PdfPage[];
  title: string | null;
  author: string | null;
  date: string | null;
}

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: readonly number[];
  height: number;
}

/** Between pages: a form feed alone on its line, which ends a passage (classify-lines.ts). */
const PAGE_SEPARATOR = '\n\f\n';
/** A vertical gap this many times the text height between two lines is a paragraph break. */
const PARAGRAPH_GAP = 1.6;
const standardFontDataUrl = `${path.join(path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

/**
 * The text of a PDF (press releases, reports), read with Mozilla's pdf.js, with where each page
 * starts and ends in it, and the title, author and creation date the document declares. Lines are
 * rebuilt from the text positions; a larger vertical gap makes a paragraph break.
 */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await getDocument({ data: new Uint8Array(bytes), standardFontDataUrl, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    let text = '';
    const pages: PdfPage[] = [];
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      if (number > 1) text += PAGE_SEPARATOR;
      const start = text.length;
      text += pageText(content.items.flatMap((item) => ('str' in item ? [item] : [])));
      pages.push({ number, start, end: text.length });
      page.cleanup();
    }
    const info = (await document.getMetadata()).info as Record<string, unknown>;
    return { text, pages, title: textOrNull(info.Title), author: textOrNull(info.Author), date: pdfDate(textOrNull(info.CreationDate)) };
  } finally {
    await document.destroy();
  }
}

function pageText(items: readonly TextItem[]): string {
  let text = '';
  let lastY: number | null = null;
  let lastHeight = 0;
  for (const item of items) {
    const y = item.transform[5] ?? 0;
    if (lastY !== null && Math.abs(y - lastY) > 0.5 && !text.endsWith('\n')) text += '\n';
    if (lastY !== null && lastY - y > PARAGRAPH_GAP * Math.max(lastHeight, item.height, 1) && !text.endsWith('\n\n')) text += '\n';
    text += item.str;
    if (item.hasEOL && !text.endsWith('\n')) text += '\n';
    if (item.str !== '') {
      lastY = y;
      lastHeight = item.height;
    }
  }
  return text.replace(/[ \t]+\n/gu, '\n').trimEnd();
}


/** "D:20241103094500+01'00'" → "2024-11-03T09:45:00". */
function pdfDate(value: string | null): string | null {
  const match = value === null ? null : /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?/u.exec(value);
  if (!match) return null;
  const [, year, month = '01', day = '01', hour, minute = '00', second = '00'] = match;
  return parseFrenchDate(hour === undefined ? `${year}-${month}-${day}` : `${year}-${month}-${day}T${hour}:${minute}:${second}`);
}
