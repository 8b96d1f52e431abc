import { decodeEntities } from './html-entities.js';

/** A piece of an HTML file; `start`/`end` index the raw text. */
export type HtmlToken =
  | { kind: 'text'; start: number; end: number }
  | {
      kind: 'tag';
      name: string;
      closing: boolean;
      selfClosing: boolean;
      attributes: Readonly<Record<string, string>>;
      start: number;
      end: number;
    }
  | { kind: 'comment'; start: number; end: number };

/** Elements whose content is text up to their closing tag, never markup. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'iframe', 'noembed', 'noframes']);

const TAG_NAME = /[A-Za-z][A-Za-z0-9:-]*/y;
const ATTRIBUTE = /[\s/]*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/**
 * A forgiving tokenizer for captured news pages: tags with attributes, text, comments
 * (also <!DOCTYPE>, <?…?> and CDATA, reported as comments). It does not build a tree.
 */
export function tokenizeHtml(raw: string): HtmlToken[] {
  const tokens: HtmlToken[] = [];
  let textStart = 0;
  let position = 0;
  const flushText = (end: number): void => {
    if (end > textStart) tokens.push({ kind: 'text', start: textStart, end });
  };
  while (position < raw.length) {
    const lt = raw.indexOf('<', position);
    if (lt === -1) break;
    const markup = readMarkupAt(raw, lt);
    if (!markup) {
      position = lt + 1;
      continue;
    }
    flushText(lt);
    tokens.push(markup);
    position = markup.end;
    if (markup.kind === 'tag' && !markup.closing && !markup.selfClosing && RAW_TEXT_ELEMENTS.has(markup.name)) {
      const close = findClosingTag(raw, markup.name, position);
      if (close > position) tokens.push({ kind: 'text', start: position, end: close });
      position = close;
    }
    textStart = position;
  }
  flushText(raw.length);
  return tokens;
}

function readMarkupAt(raw: string, lt: number): HtmlToken | null {
  if (raw.startsWith('<!--', lt)) {
    const close = raw.indexOf('-->', lt + 4);
    return { kind: 'comment', start: lt, end: close === -1 ? raw.length : close + 3 };
  }
  if (raw.startsWith('<![CDATA[', lt)) {
    const close = raw.indexOf(']]>', lt);
    return { kind: 'comment', start: lt, end: close === -1 ? raw.length : close + 3 };
  }
  if (raw[lt + 1] === '!' || raw[lt + 1] === '?') {
    const close = raw.indexOf('>', lt);
    return { kind: 'comment', start: lt, end: close === -1 ? raw.length : close + 1 };
  }
  const closing = raw[lt + 1] === '/';
  TAG_NAME.lastIndex = lt + (closing ? 2 : 1);
  const name = TAG_NAME.exec(raw);
  if (!name) return null;
  return readTagRest(raw, lt, name[0].toLowerCase(), closing, TAG_NAME.lastIndex);
}

function readTagRest(raw: string, start: number, name: string, closing: boolean, from: number): HtmlToken {
  const attributes: Record<string, string> = {};
  let position = from;
  for (;;) {
    ATTRIBUTE.lastIndex = position;
    const attribute = ATTRIBUTE.exec(raw);
    if (!attribute?.[1] || attribute[0].length === 0) break;
    const key = attribute[1].toLowerCase();
    if (!(key in attributes)) attributes[key] = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    position = ATTRIBUTE.lastIndex;
  }
  const gt = raw.indexOf('>', position);
  const end = gt === -1 ? raw.length : gt + 1;
  const selfClosing = gt > 0 && raw[gt - 1] === '/';
  return { kind: 'tag', name, closing, selfClosing, attributes, start, end };
}

function findClosingTag(raw: string, name: string, from: number): number {
  const pattern = new RegExp(`</${name}(?=[\\s/>])`, 'giu');
  pattern.lastIndex = from;
  const match = pattern.exec(raw);
  return match ? match.index : raw.length;
}
