import { boundQuery } from '../text/index.js';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { articleRequestSchema, askResponseSchema, askToolSchema, passageReferenceSchema, searchRequestSchema } from '../contracts/index.js';
import { askQuestion } from '../answer/index.js';
import { askContextOf, type Engine } from '../engine.js';
import { searchHybrid } from '../retrieval/index.js';
import { passageFilter } from '../retrieval/index.js';
import { passageReference } from '../retrieval/index.js';


/**
 * The product as an MCP server: tools to search the articles, ask a question with citations and read
 * an article, each with an output schema and structured content; every article is a resource
 * (article://<source>). Descriptions are in English and French, for client models of either.
 */
export function createMcpServer(engine: Engine): McpServer {
  const server = new McpServer({ name: 'french-news-qa', version: '0.1.0' });

  server.registerTool(
    'search_articles',
    {
      title: 'Search the French news articles / Chercher dans les articles',
      description:
        'Finds the passages of the French news corpus that matter for a query, with their article, date and exact offsets. ' +
        'Trouve les passages du corpus d’articles de presse français utiles à une requête, avec leur article, leur date et leurs positions exactes.',
      inputSchema: searchRequestSchema,
      outputSchema: z.object({ results: z.array(passageReferenceSchema) }),
      annotations: { readOnlyHint: true },
    },
    async ({ query, k, sources, from, to }) => {
      const filter = passageFilter({ sources, from, to });
      const retrieval = await searchHybrid(engine.store, engine.embeddings, boundQuery(query), {
        k: k ?? engine.config.retrieval.topK,
        maxPassagesPerArticle: engine.config.retrieval.maxPassagesPerArticle,
        ...(filter ? { filter } : {}),
      });
      const results = retrieval.passages.map(({ passage, score }) => passageReference(passage, score));
      const text = results.map((result, i) => `[${i + 1}] ${result.title ?? result.source} (${result.source}, ${result.date ?? 'sans date'}, ${result.start}–${result.end})\n${result.excerpt}`).join('\n\n');
      return { content: [{ type: 'text', text: text || 'Aucun passage ne correspond. / No passage matches.' }], structuredContent: { results } };
    },
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask a question with cited sources / Poser une question, sources citées',
      description:
        'Answers a question from the French news corpus with numbered citations [n] to exact passages, or says the corpus does not answer it. ' +
        'Répond à une question à partir du corpus d’articles de presse français, avec des citations [n] vers les passages exacts, ou dit que le corpus n’y répond pas.',
      inputSchema: askToolSchema,
      outputSchema: askResponseSchema.pick({ answer: true, abstained: true, citations: true, related: true }),
      annotations: { readOnlyHint: true },
    },
    async ({ question, history, k }) => {
      const result = await askQuestion(askContextOf(engine), { question, history: history ?? [], k: k ?? engine.config.retrieval.topK });
      const sources = result.citations.map((citation) => `[${citation.index}] ${citation.title ?? citation.source} (${citation.source}, ${citation.start}–${citation.end})`).join('\n');
      // A refusal points to the closest passages: an assistant reads them as it would read /search results.
      const related = (result.related ?? []).map((passage) => `- ${passage.title ?? passage.source} (${passage.source}, ${passage.start}–${passage.end})\n${passage.excerpt}`).join('\n\n');
      const text = sources ? `${result.answer}\n\n${sources}` : related ? `${result.answer}\n\n${related}` : result.answer;
      return {
        content: [{ type: 'text', text }],
        structuredContent: { answer: result.answer, abstained: result.abstained, citations: result.citations, ...(result.related ? { related: result.related } : {}) },
      };
    },
  );

  server.registerTool(
    'get_article',
    {
      title: 'Read one article / Lire un article',
      description: 'Returns one article of the French news corpus, cleaned, with its metadata and passages. Renvoie un article du corpus d’articles de presse français, nettoyé, avec ses métadonnées et ses passages.',
      inputSchema: articleRequestSchema,
      outputSchema: {
        source: z.string(),
        title: z.string().nullable(),
        date: z.string().nullable(),
        author: z.string().nullable(),
        url: z.string().nullable(),
        passages: z.array(z.object({ text: z.string(), start: z.number(), end: z.number(), section: z.string().nullable() })),
      },
      annotations: { readOnlyHint: true },
    },
    async ({ source }) => {
      const article = await articleOf(engine, source);
      if (!article) return { isError: true, content: [{ type: 'text', text: `No article is named "${source.slice(0, 200)}" / Aucun article ne porte ce nom.` }] };
      return { content: [{ type: 'text', text: `${article.title ?? article.source}\n\n${article.passages.map((passage) => passage.text).join('\n\n')}` }], structuredContent: article };
    },
  );

  server.registerResource(
    'article',
    new ResourceTemplate('article://{source}', {
      list: async () => ({
        resources: (await engine.store.articles()).map((article) => ({
          uri: `article://${encodeURIComponent(article.source)}`,
          name: article.title ?? article.source,
          mimeType: 'text/plain',
        })),
      }),
    }),
    { title: 'Articles of the corpus / Articles du corpus', description: 'Each indexed article, as cleaned text.', mimeType: 'text/plain' },
    async (uri, variables) => {
      const source = decodeURIComponent(String(variables.source ?? ''));
      const article = await articleOf(engine, source);
      if (!article) throw new Error(`no article is named "${source.slice(0, 200)}"`);
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: article.passages.map((passage) => passage.text).join('\n\n') }] };
    },
  );
  return server;
}

async function articleOf(engine: Engine, source: string) {
  const passages = await engine.store.articlePassages(source);
  const first = passages[0];
  if (!first) return null;
  return {
    source,
    title: first.title,
    date: first.date,
    author: first.author,
    url: first.url,
    passages: passages.map(({ text, start, end, section }) => ({ text, start, end, section })),
  };
}
