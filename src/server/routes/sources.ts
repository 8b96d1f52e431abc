import { escapeHtml } from '../escape-html.js';
import { Router, type Response } from 'express';
import type { Engine } from '../../engine.js';
import { frenchDate } from '../../answer/index.js';
import { HttpError } from '../http-error.js';
import { allowOnly } from '../method-guard.js';

import { summariesOf, type ArticleSummary } from '../../index/index.js';

/** An article as GET /sources lists it: its passages' metadata, and how many passages it has. */
type SourceSummary = ArticleSummary;

/**
 * GET /sources: the indexed articles with their metadata and passage counts.
 * GET /sources/:source: one article as indexed (metadata and passages in order), as JSON, or as
 * an HTML page for a browser with `?highlight=start-end` marking the passages of that span.
 * Only ids the index holds are answered: nothing in a request names a file.
 */
export function sourcesRoute(engine: Engine): Router {
  const router = Router();
  router.all('/sources', allowOnly('GET', 'HEAD'));
  router.get('/sources', async (_request, response) => {
    response.json({ sources: await engine.store.articles() });
  });
  router.all('/sources/:source', allowOnly('GET', 'HEAD'));
  router.get('/sources/:source', async (request, response) => {
    const source = request.params.source;
    const passages = await engine.store.articlePassages(String(source));
    if (passages.length === 0) throw new HttpError(404, 'unknown_source', `no indexed article is named "${String(source).slice(0, 200)}": GET /sources lists them`);
    const highlight = parseHighlight(request.query.highlight);
    const { passages: passageCount, ...summary } = summariesOf(passages)[0]!;
    const body = { ...summary, passageCount, passages: passages.map(({ id, text, start, end, section, page, position }) => ({ id, position, section, page, start, end, text })) };
    // The overlap is at most the chunking's, and a sentence: the chunker keeps whole sentences.
    if (request.accepts(['application/json', 'text/html']) === 'text/html') sendPage(response, body, highlight, engine.config.chunking.chunkOverlap + engine.config.chunking.chunkSize / 2);
    else response.json({ ...body, highlight });
  });
  return router;
}

function parseHighlight(value: unknown): { start: number; end: number } | null {
  if (value === undefined) return null;
  const match = typeof value === 'string' ? /^(\d{1,9})-(\d{1,9})$/u.exec(value) : null;
  if (!match || Number(match[1]) >= Number(match[2])) throw new HttpError(400, 'invalid_request', 'highlight must be written start-end, two offsets with start < end (as in a citation)');
  return { start: Number(match[1]), end: Number(match[2]) };
}

/** The article for a reader: its passages in order, the highlighted ones marked and scrolled to. Text only, escaped. */
interface ArticleBody extends Omit<SourceSummary, 'passages'> {
  passages: { id: string; start: number; end: number; section: string | null; text: string }[];
}

/** Below this, a shared start and end is chance ("de ", "la "), not the chunk overlap. */
const MIN_OVERLAP_CHARACTERS = 12;

/**
 * What `next` adds after `previous`: the text they share (the chunk overlap, at most `maxOverlap`
 * characters) is printed once. Longest first, so the first match found is the whole overlap.
 */
function withoutOverlap(previous: string, next: string, maxOverlap: number): string {
  const tail = previous.slice(-maxOverlap);
  for (let length = Math.min(tail.length, next.length); length >= MIN_OVERLAP_CHARACTERS; length -= 1) {
    // Cheap test first: the overlap ends where `previous` ends.
    if (next[length - 1] !== tail[tail.length - 1]) continue;
    if (tail.endsWith(next.slice(0, length))) return next.slice(length).replace(/^\s+/u, '');
  }
  return next;
}

function sendPage(response: Response, body: ArticleBody, highlight: { start: number; end: number } | null, maxOverlap: number): void {
  const meta = [body.outlet, body.author, body.date ? frenchDate(body.date) : null].filter(Boolean).map((item) => escapeHtml(String(item))).join(' · ');
  const original = body.url && /^https?:\/\//iu.test(body.url) ? `${meta ? ' · ' : ''}<a href="${escapeHtml(body.url)}" rel="noopener noreferrer">article d’origine</a>` : '';
  let first = true;
  let previous: ArticleBody['passages'][number] | null = null;
  const items: string[] = [];
  for (const passage of body.passages) {
    // Passages overlap (the chunker repeats a sentence or two): the article is printed once.
    const text = previous && passage.start < previous.end ? withoutOverlap(previous.text, passage.text, maxOverlap) : passage.text;
    if (passage.section && passage.section !== previous?.section) items.push(`<h2>${escapeHtml(passage.section)}</h2>`);
    previous = passage;
    if (text.trim() === '') continue;
    // The cited passage, not its neighbours that share a sentence of overlap with it.
    const shared = highlight === null ? 0 : Math.min(passage.end, highlight.end) - Math.max(passage.start, highlight.start);
    const marked = highlight !== null && shared > 0 && shared * 2 >= Math.min(passage.end - passage.start, highlight.end - highlight.start);
    const id = marked && first ? ' id="passage-cite"' : '';
    if (marked) first = false;
    items.push(`<p${id}>${marked ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text)}</p>`);
  }
  const title = escapeHtml(body.title ?? body.source);
  response
    .type('html')
    .send(
      `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>` +
        `<link rel="icon" href="/favicon.svg" type="image/svg+xml"><link rel="stylesheet" href="/style.css"></head>` +
        `<body><main class="article-view"><p class="back"><a href="/">← Retour aux questions</a></p><article><h1>${title}</h1>` +
        `<p class="source-meta">${meta}${original}</p><p class="source-id">${escapeHtml(body.source)}</p>${items.join('')}</article></main></body></html>`,
    );
}
