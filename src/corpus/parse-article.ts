import type { Article, ArticleFormat, TextBlock } from './article.js';
import { sha256Hex } from '../shared/index.js';
import { chooseHtmlText } from './choose-html-reader.js';
import { classifyLines } from './classify-lines.js';
import { htmlMetadata } from './html-metadata.js';
import { htmlToText, type TextHeading } from './html-to-text.js';
import type { ClassifiedLine } from './lines.js';
import type { PageMetadata } from './page-metadata.js';
import type { PdfText } from './pdf-text.js';
import { readableHtml } from './readable-html.js';
import { markRepeatedLines } from './repeated-lines.js';
import { splitLines } from './lines.js';
import { frontMatterLineCount, frontMatterMetadata } from './markdown.js';
import { markdownText } from './markdown-text.js';
import { mergeMetadata, metadataFromLines, titleFromLines } from './metadata.js';

/** The text the line rules read, and how its indices map back to the raw file. */
interface TextView {
  text: string;
  /** For html and md: raw start/end of each text character. Absent when text is the raw file itself. */
  offsets?: number[];
  ends?: number[];
  headings?: TextHeading[] | undefined;
}

/**
 * Cleans one corpus file into an Article. `raw` is the decoded file text as `readFile(path, 'utf8')`
 * returns it (a leading BOM kept as U+FEFF, see `decodeArticleBytes`); every offset in the result
 * indexes `raw`. For txt/md each block's text is exactly `raw.slice(start, end)`; for html,
 * `offsets[i]`/`ends[i]` are the raw start and end of the source of `text[i]`. A U+FEFF counts as
 * whitespace (JavaScript's `\s` and `trim()` include it), so it never starts or ends a block.
 * `contentHash` is the sha256 of `raw`'s UTF-8 bytes (readCorpus replaces it by the file bytes' hash).
 * `repeatedLines` (normalised) are the corpus's furniture, learned by `learnRepeatedLines`.
 */
export function parseArticle(
  source: string,
  raw: string,
  format: ArticleFormat,
  repeatedLines: ReadonlySet<string> = new Set(),
  read: ReadArticle = readArticleLines(raw, format),
): Article {
  const { view } = read;
  const lines = markRepeatedLines(read.lines, repeatedLines);
  const fromText = { ...metadataFromLines(lines), title: titleFromLines(lines) };
  const declared =
    format === 'html' ? [read.page ?? {}, htmlMetadata(raw)] : format === 'md' ? [frontMatterMetadata(splitLines(raw))] : format === 'pdf' ? [read.page ?? {}] : [];
  const lastResort = { date: read.page?.modified ?? null };
  const { title, date, author, outlet, url } = mergeMetadata(...declared, fromText, lastResort);
  return {
    source,
    format,
    title,
    date,
    author,
    outlet,
    url,
    blocks: buildBlocks(view, lines),
    sections: sectionsOf(view, lines),
    ...(read.pages ? { pages: read.pages } : {}),
    contentHash: sha256Hex(raw),
  };
}

/** A file's text and its classified lines, before any corpus-wide rule: what `learnRepeatedLines` reads. */
export interface ReadArticle {
  view: TextView;
  lines: ClassifiedLine[];
  /** For html: what the page declares about itself; for pdf, what its document information says. */
  page?: PageMetadata;
  pages?: PdfText['pages'] | undefined;
}

export function readArticleLines(raw: string, format: ArticleFormat, pdf?: PdfText): ReadArticle {
  if (format === 'pdf') return { view: { text: raw }, lines: classifyLines(raw, format), page: { title: pdf?.title ?? null, author: pdf?.author ?? null, date: pdf?.date ?? null }, pages: pdf?.pages };
  if (format === 'md') {
    // Front matter is read for metadata (below); the body is read as rendered: no Markdown markup.
    const rawLines = splitLines(raw);
    const bodyLine = rawLines[frontMatterLineCount(rawLines)];
    const view = markdownText(raw, bodyLine?.start ?? raw.length);
    return { view, lines: classifyLines(view.text, format, view.headings) };
  }
  if (format === 'docx') {
    // The HTML mammoth makes of a Word document holds nothing but the document: no reader needed.
    const view = htmlToText(raw);
    return { view, lines: classifyLines(view.text, format, view.headings) };
  }
  if (format !== 'html') return { view: { text: raw }, lines: classifyLines(raw, format) };
  const readable = readableHtml(raw);
  // Readability's article when it finds one and keeps the page's prose; otherwise the whole page, read with the line rules alone.
  const view = chooseHtmlText(readable.text, htmlToText(raw), htmlToText(raw, { dropHidden: true }));
  return { view, lines: classifyLines(view.text, format, view.headings), page: readable.metadata };
}

/** The headings of the text, each with the raw offset where its section starts. */
function sectionsOf(view: TextView, lines: readonly ClassifiedLine[]): NonNullable<Article['sections']> {
  return lines
    .filter((line) => line.kind === 'heading')
    .map((line) => {
      const from = line.start + (line.text.length - line.text.trimStart().length);
      return { title: line.text.replace(/\s+/gu, ' ').trim(), start: view.offsets?.[from] ?? from };
    });
}

/**
 * Maximal runs of content lines (blank lines inside a run are paragraph breaks and stay); any
 * removed line ends the run, so no block's range covers boilerplate or metadata.
 */
function buildBlocks(view: TextView, lines: readonly ClassifiedLine[]): TextBlock[] {
  const runs: { start: number; end: number }[] = [];
  let open = false;
  for (const line of lines) {
    const last = runs[runs.length - 1];
    if (line.kind === 'content') {
      if (open && last) last.end = line.end;
      else runs.push({ start: line.start, end: line.end });
      open = true;
    } else if (line.kind !== 'blank') {
      open = false;
    }
  }
  return runs.flatMap((run) => toBlock(view, run.start, run.end) ?? []);
}

/** The trimmed block for text[start, end), or null when only whitespace is left. */
function toBlock(view: TextView, start: number, end: number): TextBlock | null {
  let from = start;
  let to = end;
  while (from < to && /\s/u.test(view.text[from] ?? '')) from += 1;
  while (to > from && /\s/u.test(view.text[to - 1] ?? '')) to -= 1;
  if (from === to) return null;
  const text = view.text.slice(from, to);
  if (!view.offsets || !view.ends) return { text, start: from, end: to };
  const offsets = view.offsets.slice(from, to);
  const ends = view.ends.slice(from, to);
  return { text, start: offsets[0] ?? 0, end: ends[ends.length - 1] ?? 0, offsets, ends };
}
