import { applyContextualBoilerplate, findBoilerplateRule, normaliseForMatching } from './boilerplate.js';
import type { ArticleFormat } from './article.js';
import { isBlankLine, splitLines } from './lines.js';
import type { TextHeading } from './html-to-text.js';
import type { ClassifiedLine, Line } from './lines.js';
import { frontMatterLineCount } from './markdown.js';
import { parseMetadataLine } from './metadata.js';

export const PAGE_BREAK = '\f';

/**
 * Labels every line of an article's text: blank, article content, boilerplate (with the rule that
 * matched), a byline/date line, or markdown front matter.
 */
export function classifyLines(text: string, format: ArticleFormat, headings: readonly TextHeading[] = []): ClassifiedLine[] {
  const lines = splitLines(text);
  const frontMatterEnd = format === 'md' ? frontMatterLineCount(lines) : 0;
  let beforeHeadline = true;
  let textLinesSeen = 0;
  const classified = lines.map((line, index): ClassifiedLine => {
    if (index < frontMatterEnd) return { ...line, kind: 'front-matter', rule: null, metadata: null };
    // A form feed alone on its line is a page break (PDF text, paginated text files): passages never span it.
    if (line.text === PAGE_BREAK) return { ...line, kind: 'boilerplate', rule: 'page-break', metadata: null };
    if (isBlankLine(line.text)) return { ...line, kind: 'blank', rule: null, metadata: null };
    // A dateline ("Marseille, le 3 novembre 2024") stands at the top, by the headline: further down,
    // "Emmanuel Macron, le 3 novembre 2024" or a quoted letter's "Paris, le 12 mars 1998" is text.
    const metadata = parseMetadataLine(normaliseForMatching(line.text), { dateline: textLinesSeen <= 1 });
    if (metadata) return { ...line, kind: 'metadata', rule: null, metadata };
    const rule = findBoilerplateRule(line.text, beforeHeadline);
    if (rule) return { ...line, kind: 'boilerplate', rule: rule.name, metadata: null };
    // A heading is its section's name, shown with its passages: never a passage, nor part of one.
    const heading = isHeadingLine(line, headings);
    beforeHeadline = false;
    textLinesSeen += 1;
    if (heading) return { ...line, kind: 'heading', rule: null, metadata: null };
    return { ...line, kind: 'content', rule: null, metadata: null };
  });
  const withContext = applyContextualBoilerplate(classified);
  return format === 'txt' ? markPlainTextHeadings(withContext) : withContext;
}

/** "OPTIONS", "VOIR AUSSI", "DESCRIPTION": a short line in capitals at the margin. */
const CAPITALS_HEADING = /^[\p{Lu}\p{N}][\p{Lu}\p{N} '’&/-]*$/u;
const MAX_PLAIN_HEADING_LENGTH = 60;

/**
 * Plain text has no markup, but manual pages and many text documents set their section names in
 * capitals at the margin, with the section's text indented below: those lines are headings.
 */
function markPlainTextHeadings(lines: readonly ClassifiedLine[]): ClassifiedLine[] {
  return lines.map((line, index) => {
    const text = line.text.trimEnd();
    if (line.kind !== 'content' || /^\s/u.test(text) || text.length > MAX_PLAIN_HEADING_LENGTH || !CAPITALS_HEADING.test(text) || !/\p{Lu}.*\p{Lu}/u.test(text)) return line;
    const next = lines.slice(index + 1).find((other) => other.kind !== 'blank');
    return next?.kind === 'content' && /^\s{2,}\S/u.test(next.text) ? { ...line, kind: 'heading' as const } : line;
  });
}

/** Whether the line's text (its surrounding spaces aside) lies within one heading of the page. */
function isHeadingLine(line: Line, headings: readonly TextHeading[]): boolean {
  if (headings.length === 0) return false;
  const start = line.start + (line.text.length - line.text.trimStart().length);
  const end = line.end - (line.text.length - line.text.trimEnd().length);
  return end > start && headings.some((heading) => heading.start <= start && end <= heading.end);
}
