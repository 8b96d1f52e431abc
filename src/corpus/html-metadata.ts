import { parseFrenchDate } from './french-date.js';
import { htmlToText } from './html-to-text.js';
import { tokenizeHtml } from './html-tokens.js';
import type { HtmlToken } from './html-tokens.js';
import type { ArticleMetadata } from './metadata.js';

type TagToken = Extract<HtmlToken, { kind: 'tag' }>;

const PUBLISHED_META_KEYS = ['article:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'dc.date', 'dc.date.issued', 'og:published_time'];
const AUTHOR_META_KEYS = ['author', 'article:author', 'dc.creator', 'byl'];
const TITLE_META_KEYS = ['og:title', 'twitter:title', 'dc.title'];
/** The "¶" a documentation generator appends to a heading as its own link. */
const PERMALINK_SUFFIX = /\s*[¶§🔗]$/u;
/** " | Le Monde", " - Les Echos": a site name after the headline in <title>. */
const SITE_SUFFIX = /\s+[|–—-]\s+[^|–—-]{1,40}$/u;

/**
 * Title, date and author as an HTML page declares them: the <h1> (else og:title, else <title>
 * without its site suffix), article:published_time or the first <time datetime>, <meta name="author">.
 */
export function htmlMetadata(raw: string): Partial<ArticleMetadata> {
  const tokens = tokenizeHtml(raw);
  const tags = tokens.filter((token): token is TagToken => token.kind === 'tag');
  const metas = tags.filter((tag) => tag.name === 'meta' && !tag.closing);
  const metaContent = (keys: readonly string[]): string | null => {
    for (const key of keys) {
      const meta = metas.find((tag) => metaKey(tag) === key && (tag.attributes.content ?? '').trim() !== '');
      if (meta) return (meta.attributes.content ?? '').trim();
    }
    return null;
  };
  const publishedItem = tags.find((tag) => (tag.attributes.itemprop ?? '').toLowerCase() === 'datepublished');
  const time = tags.find((tag) => tag.name === 'time' && !tag.closing && tag.attributes.datetime);
  const dateText =
    metaContent(PUBLISHED_META_KEYS) ?? publishedItem?.attributes.content ?? publishedItem?.attributes.datetime ?? time?.attributes.datetime ?? null;
  const author = metaContent(AUTHOR_META_KEYS.filter((key) => key !== 'article:author')) ?? nonUrl(metaContent(['article:author']));
  const headline = headlineText(raw, tokens)?.replace(PERMALINK_SUFFIX, '') || null;
  const title = headline ?? metaContent(TITLE_META_KEYS) ?? withoutSiteSuffix(elementText(raw, tokens, 'title'));
  return { title, date: dateText === null ? null : parseFrenchDate(dateText), author };
}

function metaKey(tag: TagToken): string {
  return (tag.attributes.property ?? tag.attributes.name ?? tag.attributes.itemprop ?? '').toLowerCase();
}

/** The <h1> of the <article> when there is one (a page's first <h1> is often the site logo), else the first <h1>. */
function headlineText(raw: string, tokens: readonly HtmlToken[]): string | null {
  const article = tokens.findIndex((token) => token.kind === 'tag' && token.name === 'article' && !token.closing);
  return (article === -1 ? null : elementText(raw, tokens.slice(article), 'h1')) ?? elementText(raw, tokens, 'h1');
}

/** Visible text of the first `name` element, on one line. */
function elementText(raw: string, tokens: readonly HtmlToken[], name: string): string | null {
  const open = tokens.find((token) => token.kind === 'tag' && token.name === name && !token.closing);
  if (!open) return null;
  const close = tokens.find((token) => token.kind === 'tag' && token.name === name && token.closing && token.start >= open.end);
  const inner = raw.slice(open.end, close ? close.start : open.end);
  const text = (name === 'title' ? decodeTitle(inner) : htmlToText(inner).text).replace(/\s+/gu, ' ').trim();
  return text === '' ? null : text;
}

/** <title> content is raw text: entities only, no tags. */
function decodeTitle(inner: string): string {
  return htmlToText(inner.replace(/</gu, '&lt;')).text;
}

function withoutSiteSuffix(title: string | null): string | null {
  if (title === null) return null;
  const stripped = title.replace(SITE_SUFFIX, '').trim();
  return stripped === '' ? title : stripped;
}

function nonUrl(value: string | null): string | null {
  return value === null || /^https?:\/\//iu.test(value) ? null : value;
}
