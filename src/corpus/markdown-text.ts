import type { Nodes, Parents, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { OffsetTextWriter, type HtmlText } from './html-to-text.js';

/** Blocks whose boundaries separate paragraphs, and those that end a line. */
const PARAGRAPH_NODES = new Set(['paragraph', 'heading', 'blockquote', 'list', 'table', 'code']);
const LINE_NODES = new Set(['listItem', 'tableRow']);
/** Not read: raw HTML, reference definitions, images, footnote definitions, rules. */
const SKIPPED_NODES = new Set(['html', 'definition', 'image', 'imageReference', 'footnoteDefinition', 'thematicBreak', 'yaml']);

/**
 * The visible text of a Markdown file as a reader sees it rendered: no "#", "**", "`", link targets
 * or table pipes, each character mapped to its place in the file (the mdast syntax tree of
 * micromark, with GitHub's tables, keeps every node's offsets). `bodyStart` skips front matter.
 */
export function markdownText(raw: string, bodyStart: number): HtmlText {
  // micromark drops a leading byte-order mark and counts offsets after it.
  const start = raw.startsWith('\ufeff', bodyStart) ? bodyStart + 1 : bodyStart;
  const tree = fromMarkdown(raw.slice(start), { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const writer = new OffsetTextWriter();
  writeNode(tree, raw, start, writer, false, { start, end: raw.length }, { at: start });
  return writer.result();
}

interface Span {
  start: number;
  end: number;
}

/**
 * Where a node stands in the file. Nodes that GFM's autolink literals make by splitting a text
 * ("(https:\n//www.debian.org/…)") carry no position: a text is then found from where its previous
 * sibling ended, inside its parent; failing that, it maps to the rest of its parent. Never offset 0
 * for want of a position: that made passages of offsets 0–0 that the index refuses.
 */
function spanOf(node: Nodes, raw: string, shift: number, within: Span, cursor: { at: number }): Span {
  if (node.position?.start.offset !== undefined && node.position.end.offset !== undefined) {
    return { start: node.position.start.offset + shift, end: node.position.end.offset + shift };
  }
  const from = Math.min(Math.max(cursor.at, within.start), within.end);
  if ('value' in node && typeof node.value === 'string' && node.value !== '') {
    const found = raw.indexOf(node.value, from);
    if (found >= 0 && found + node.value.length <= within.end) return { start: found, end: found + node.value.length };
  }
  return from < within.end ? { start: from, end: within.end } : within;
}

function writeNode(node: Nodes, raw: string, shift: number, writer: OffsetTextWriter, inCell: boolean, within: Span, cursor: { at: number }): void {
  if (SKIPPED_NODES.has(node.type)) return;
  const { start, end } = spanOf(node, raw, shift, within, cursor);
  cursor.at = Math.max(cursor.at, node.position || 'value' in node ? end : start);
  switch (node.type) {
    case 'text':
      writeValue(writer, raw, node.value, start, end);
      return;
    case 'inlineCode':
      writeValue(writer, raw, node.value, start, end);
      return;
    case 'code': {
      writer.requestBreak(2, start, false);
      // The code's lines stand between the opening fence line and the closing fence.
      const bodyStart = raw.indexOf(node.value, start);
      writeValue(writer, raw, node.value, bodyStart >= 0 ? bodyStart : start, bodyStart >= 0 ? bodyStart + node.value.length : end, true);
      writer.requestBreak(2, end, false);
      return;
    }
    case 'break':
      writer.requestBreak(1, start, true);
      return;
    default:
      break;
  }
  if (!('children' in node)) return;
  const cell = inCell || node.type === 'tableCell';
  if (node.type === 'tableCell') writer.requestSpace(start);
  const breaks = cell ? 0 : PARAGRAPH_NODES.has(node.type) ? 2 : LINE_NODES.has(node.type) ? 1 : 0;
  if (breaks > 0) writer.requestBreak(breaks, start, false);
  if (node.type === 'heading') writer.beginHeading(node.depth);
  const inside = { at: start };
  for (const child of (node as Parents).children as RootContent[]) writeNode(child, raw, shift, writer, cell, { start, end }, inside);
  cursor.at = Math.max(cursor.at, inside.at);
  if (node.type === 'heading') writer.endHeading();
  if (breaks > 0) writer.requestBreak(breaks, end, false);
  if (node.type === 'tableCell') writer.requestSpace(end);
}

/**
 * A text node's value: when it is the file's text itself, character by character; when escapes or
 * entities changed it ("\*", "&amp;"), every character maps to the whole span.
 */
function writeValue(writer: OffsetTextWriter, raw: string, value: string, start: number, end: number, preformatted = false): void {
  const exact = raw.slice(start, end) === value;
  const inside = exact ? start : raw.indexOf(value, start);
  const located = inside >= 0 && inside + value.length <= end;
  for (let i = 0; i < value.length; i += 1) {
    const char = value[i] ?? '';
    const from = located ? inside + i : start;
    const to = located ? inside + i + 1 : end;
    if (char === '\n') {
      if (preformatted) writer.requestBreak(1, from, true);
      else writer.requestSpace(from);
    } else if (/\s/u.test(char) && !preformatted) {
      writer.requestSpace(from);
    } else {
      writer.writeVisible(char, from, to);
    }
  }
}
