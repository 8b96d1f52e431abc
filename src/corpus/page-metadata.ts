import { parseFrenchDate } from './french-date.js';
import { parseMetadataLine, type ArticleMetadata } from './metadata.js';
import { textOrNull } from './one-line.js';

/** What a page declares about itself, read from its DOM before the reader rearranges it. */
export interface PageMetadata extends Partial<ArticleMetadata> {
  /** dateModified / article:modified_time: the date when no publication date is given. */
  modified?: string | null;
}

/** schema.org types of a news or blog article (NewsArticle and its subtypes, Article, BlogPosting…). */
const ARTICLE_TYPE = /(?:^|:|\/)(?:\w*NewsArticle|Article|BlogPosting|Report|TechArticle|ScholarlyArticle|LiveBlogPosting)$/u;

/**
 * Title, dates, author, outlet and address as publishers emit them: JSON-LD NewsArticle/Article
 * (headline, datePublished, dateModified, author, publisher, url), OpenGraph (og:site_name,
 * og:url, article:modified_time) and <link rel="canonical">. Fields a page does not declare are
 * absent; the caller falls back to <meta>, <time>, the <h1> and the text itself.
 */
export function pageMetadata(document: Document): PageMetadata {
  const ld = jsonLdArticle(document);
  const meta = (key: string) =>
    document.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content')?.trim() || null;
  const canonical = document.querySelector('link[rel~="canonical"]')?.getAttribute('href')?.trim() || null;
  const result: PageMetadata = {};
  const set = <K extends keyof PageMetadata>(key: K, value: PageMetadata[K] | null | undefined) => {
    if (value !== null && value !== undefined && value !== '') result[key] = value;
  };
  set('title', textOrNull(ld?.headline) ?? textOrNull(ld?.name));
  set('date', dateOf(ld?.datePublished));
  set('modified', dateOf(ld?.dateModified) ?? dateOf(meta('article:modified_time')));
  set('author', names(ld?.author) ?? bylineOf(document));
  set('outlet', names(ld?.publisher) ?? meta('og:site_name'));
  set('url', webAddress(canonical) ?? webAddress(meta('og:url')) ?? webAddress(idOf(ld?.mainEntityOfPage)) ?? webAddress(textOrNull(ld?.url)));
  return result;
}

/** Where themes and CMSs put the author's name (rel="author", schema.org microdata, hCard, a byline). */
const BYLINE_SELECTORS = ['[itemprop~="author"] [itemprop~="name"]', '[rel~="author"]', '[itemprop~="author"]', '.author .fn', '.byline .author', '.byline'];
const MAX_BYLINE_LENGTH = 100;

function bylineOf(document: Document): string | null {
  for (const selector of BYLINE_SELECTORS) {
    const found = textOrNull(document.querySelector(selector)?.textContent);
    if (found === null || found.length > MAX_BYLINE_LENGTH || /^https?:\/\//iu.test(found)) continue;
    // "Par Claire Fontaine, publié le 11 juin 2024": the name alone, read as a byline line is.
    const byline = parseMetadataLine(found);
    if (byline?.author) return byline.author;
    if (!/\p{N}/u.test(found)) return found;
  }
  return null;
}

type JsonObject = Record<string, unknown>;

function jsonLdArticle(document: Document): JsonObject | null {
  const objects: JsonObject[] = [];
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      collect(JSON.parse(script.textContent ?? ''), objects);
    } catch {
      // A page's broken JSON-LD is ignored: the other sources still apply.
    }
  }
  return objects.find((object) => types(object).some((type) => ARTICLE_TYPE.test(type))) ?? null;
}

function collect(value: unknown, into: JsonObject[]): void {
  if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value !== null && typeof value === 'object') {
    into.push(value as JsonObject);
    collect((value as JsonObject)['@graph'], into);
  }
}

function types(object: JsonObject): string[] {
  const type = object['@type'];
  return (Array.isArray(type) ? type : [type]).filter((item): item is string => typeof item === 'string');
}


/** "Claire Fontaine", {"name": …}, or a list of them: the names, joined. */
function names(value: unknown): string | null {
  const list = (Array.isArray(value) ? value : [value]).map((item) => textOrNull(item) ?? (item && typeof item === 'object' ? textOrNull((item as JsonObject).name) : null));
  const found = list.filter((name): name is string => name !== null && !/^https?:\/\//iu.test(name));
  return found.length > 0 ? [...new Set(found)].join(', ') : null;
}

function idOf(value: unknown): string | null {
  return textOrNull(value) ?? (value && typeof value === 'object' ? textOrNull((value as JsonObject)['@id']) : null);
}

function dateOf(value: unknown): string | null {
  const raw = textOrNull(value);
  return raw === null ? null : parseFrenchDate(raw);
}

/** Only absolute http(s) addresses: a relative or script address is not where the article lives. */
function webAddress(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
