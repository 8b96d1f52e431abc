import { z } from 'zod';

/** A passage as every answer and search gives it: its article's metadata, the excerpt and its offsets in the file. */
export const passageReferenceSchema = z.object({
  source: z.string().describe('the article id (its path in the corpus)'),
  title: z.string().nullable(),
  date: z.string().nullable().describe('ISO 8601, when the article says it'),
  author: z.string().nullable(),
  outlet: z.string().nullable(),
  url: z.string().nullable(),
  section: z.string().nullable().describe('the heading the passage is under, when the article has headings'),
  page: z.number().int().nullable().describe('for a PDF, the page the excerpt starts on'),
  excerpt: z.string(),
  start: z.number().int().describe('offset of the passage in the file'),
  end: z.number().int(),
  score: z.number(),
});

const span = z.object({ start: z.number().int(), end: z.number().int() });

export const citationSchema = passageReferenceSchema.extend({
  index: z.number().int().min(1).describe('the n of the [n] markers that cite it'),
  highlights: z.array(span).describe('the sentences of the excerpt the answer quotes, as offsets into excerpt'),
  dates: z.array(z.looseObject({ text: z.string() })).optional().describe('relative dates of the quoted sentences, resolved against the article date'),
});

const modeSchema = z.enum(['hybrid', 'lexical', 'dense']);

/** POST /ask (and the `done` event of its stream). */
export const askResponseSchema = z.object({
  answer: z.string().describe('the answer with its [n] markers, or the refusal'),
  citations: z.array(citationSchema),
  abstained: z.boolean(),
  abstention: z.object({ reason: z.enum(['not_in_corpus', 'not_stated']) }).optional(),
  related: z.array(passageReferenceSchema).optional().describe('when abstained: the closest passages'),
  answerer: z.enum(['extractive', 'llm']).optional(),
  citationRepairs: z.array(z.looseObject({})).optional(),
  unsupported: z.array(z.object({ sentence: z.string(), reason: z.string() })).optional().describe('sentences whose figures, months or names their cited passages do not hold'),
  conflicts: z
    .array(z.object({ about: z.string(), values: z.array(z.object({ value: z.string(), source: z.string(), date: z.string().nullable(), index: z.number().int().nullable() })) }))
    .optional()
    .describe('sources that give different figures for the same thing, each value with its source and citation number'),
  fallback: z.object({ reason: z.string() }).optional(),
  query: z.string().optional().describe('the question as retrieval read it (a follow-up rewritten to stand alone)'),
  mode: modeSchema,
  timings: z.record(z.string(), z.number().nullable()),
});

/** POST /search. */
export const searchResponseSchema = z.object({
  results: z.array(passageReferenceSchema.extend({ lexicalScore: z.number().nullable(), denseScore: z.number().nullable() })),
  mode: modeSchema,
  timings: z.record(z.string(), z.number().nullable()),
});

const articleSummary = z.object({ source: z.string(), title: z.string().nullable(), date: z.string().nullable(), author: z.string().nullable(), outlet: z.string().nullable(), url: z.string().nullable() });

export const sourcesResponseSchema = z.object({ sources: z.array(articleSummary.extend({ passages: z.number().int() })) });

export const articleResponseSchema = articleSummary.extend({
  passageCount: z.number().int(),
  passages: z.array(z.object({ id: z.string(), position: z.number().int(), section: z.string().nullable(), page: z.number().int().nullable(), start: z.number().int(), end: z.number().int(), text: z.string() })),
  highlight: span.nullable(),
});

export const examplesResponseSchema = z.object({ questions: z.array(z.string()) });
export const feedbackResponseSchema = z.object({ stored: z.literal(true) });
export const healthResponseSchema = z.looseObject({ status: z.literal('ok'), mode: z.enum(['hybrid', 'lexical']), index: z.looseObject({ store: z.enum(['embedded', 'postgres']), articles: z.number().int(), passages: z.number().int() }) });

/** Every 4xx and 5xx of the product's own routes. */
export const errorResponseSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The OpenAI-compatible routes answer in OpenAI's shapes, with the structured citations in extra fields. */
export const chatCompletionResponseSchema = z.looseObject({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number().int(),
  model: z.string(),
  choices: z.array(z.object({ index: z.number().int(), finish_reason: z.string(), message: z.object({ role: z.literal('assistant'), content: z.string() }) })),
  citations: z.array(citationSchema),
  abstained: z.boolean(),
  related: z.array(passageReferenceSchema),
});
export const openAiErrorSchema = z.object({ error: z.object({ message: z.string(), type: z.string(), code: z.string(), param: z.null() }) });
export const modelsResponseSchema = z.object({ object: z.literal('list'), data: z.array(z.object({ id: z.string(), object: z.literal('model'), created: z.number().int(), owned_by: z.string() })) });
