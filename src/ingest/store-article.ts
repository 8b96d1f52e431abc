import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadJsdom } from '../corpus/index.js';
import { pageMetadata } from '../corpus/index.js';
import { MAX_ARTICLE_BYTES, MAX_PDF_BYTES } from '../corpus/index.js';
import { FetchError, type FetchedResource } from './fetch-bounded.js';
import { writeAtomically } from '../shared/index.js';

/** What a fetched page becomes in the corpus. */
export interface StoredArticle {
  /** File name in the corpus folder: the article's id. */
  source: string;
  /** The canonical address the page declares, else the address it was fetched from. */
  url: string;
  status: 'added' | 'updated' | 'unchanged';
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PAGE_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown', 'application/pdf', DOCX_TYPE] as const;
const MAX_NAME_STEM = 60;

/**
 * Writes a fetched page into the corpus folder under a name made from its canonical address, so
 * the same article added again (another tracking parameter, a redirect, a feed and a URL) replaces
 * its own file instead of making a second one. A page that declares no canonical address on its own
 * site gets one (`<link rel="canonical">` with the address it came from), so the article keeps its URL.
 * The file is written beside its final name and renamed: the indexer never reads half a file.
 */
export async function storeFetchedArticle(resource: FetchedResource, corpusDir: string): Promise<StoredArticle> {
  const { extension, content, url } = articleFile(resource);
  const limit = extension === 'pdf' || extension === 'docx' ? MAX_PDF_BYTES : MAX_ARTICLE_BYTES;
  if (content.byteLength > limit) throw new FetchError(`${resource.url} is larger than ${limit / 1024 / 1024} MB, the most the index reads for a .${extension} article`);
  const source = fileNameFor(url, extension);
  const target = path.join(corpusDir, source);
  const previous = await readFile(target).catch(() => null);
  if (previous !== null && previous.equals(content)) return { source, url, status: 'unchanged' };
  await writeAtomically(target, content);
  return { source, url, status: previous === null ? 'added' : 'updated' };
}

function articleFile(resource: FetchedResource): { extension: string; content: Buffer; url: string } {
  if (resource.contentType === 'application/pdf') return { extension: 'pdf', content: resource.body, url: resource.url };
  if (resource.contentType === DOCX_TYPE) return { extension: 'docx', content: resource.body, url: resource.url };
  const text = decode(resource);
  if (resource.contentType === 'text/plain') return { extension: 'txt', content: Buffer.from(text), url: resource.url };
  if (resource.contentType === 'text/markdown') return { extension: 'md', content: Buffer.from(text), url: resource.url };
  const declared = pageMetadata(new (loadJsdom().JSDOM)(text).window.document).url ?? null;
  if (declared !== null && sameSite(declared, resource.url)) return { extension: 'html', content: Buffer.from(text), url: declared };
  // No canonical address, or one on another site (which would let any page replace that site's
  // articles, and be cited as them): the address it came from is its own, set first in <head>.
  const own = withoutTracking(resource.url);
  return { extension: 'html', content: Buffer.from(withCanonicalLink(text, own)), url: own };
}

/** The address without tracking parameters (utm_*, fbclid, gclid…) and fragment. */
function withoutTracking(url: string): string {
  const copy = new URL(url);
  copy.hash = '';
  for (const key of [...copy.searchParams.keys()]) if (TRACKING_PARAMETER.test(key)) copy.searchParams.delete(key);
  return copy.href;
}

/** The same host, a leading "www." aside, or one a subdomain of the other ("amp.lemonde.fr", "www.lemonde.fr"). */
function sameSite(declared: string, fetched: string): boolean {
  const host = (url: string) => new URL(url).hostname.replace(/^www\./u, '');
  const [a, b] = [host(declared), host(fetched)];
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** The page as UTF-8 text: the charset of the response, else of its <meta>, else UTF-8. */
function decode(resource: FetchedResource): string {
  const head = resource.body.subarray(0, 2048).toString('latin1');
  const metaCharset = /<meta[^>]+charset=["']?([\w-]+)/iu.exec(head)?.[1]?.toLowerCase() ?? null;
  const charset = resource.charset ?? metaCharset ?? 'utf-8';
  try {
    return new TextDecoder(charset).decode(resource.body);
  } catch {
    return new TextDecoder('utf-8').decode(resource.body);
  }
}

function withCanonicalLink(html: string, url: string): string {
  const link = `<link rel="canonical" href="${url.replace(/&/gu, '&amp;').replace(/"/gu, '&quot;').replace(/</gu, '&lt;')}">`;
  const head = /<head(?:\s[^>]*)?>/iu.exec(html);
  if (head) return `${html.slice(0, head.index + head[0].length)}\n${link}${html.slice(head.index + head[0].length)}`;
  return `${link}\n${html}`;
}

/** "www.example.fr/economie/mon-article.html" → "example-fr-economie-mon-article-1a2b3c4d.html". */
export function fileNameFor(url: string, extension: string): string {
  const parsed = new URL(url);
  const readable = `${parsed.hostname.replace(/^www\./u, '')}${parsed.pathname}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\.(?:html?|php|aspx?|pdf|docx|md|txt)$/u, '')
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '')
    .slice(0, MAX_NAME_STEM)
    .replace(/-$/u, '');
  const hash = createHash('sha256').update(canonicalForm(parsed)).digest('hex').slice(0, 8);
  return `${readable || 'article'}-${hash}.${extension}`;
}

const TRACKING_PARAMETER = /^(?:utm_|fbclid$|gclid$|mc_|at_|xtor$)/iu;

/** The same article whatever the tracking parameters, fragment or "www.". */
function canonicalForm(url: URL): string {
  const copy = new URL(withoutTracking(url.href));
  copy.hostname = copy.hostname.replace(/^www\./u, '');
  return copy.href;
}
