import { z } from 'zod';
import { LIMITS } from './limits.js';

/** One earlier turn of a conversation, sent so that a follow-up ("Et à Bruxelles ?") is understood. */
export const turnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(LIMITS.turnCharacters),
});

// `\S`: not only blanks, said in the JSON Schema too (the trim is not).
const question = z.string().trim().min(1, 'question must not be empty').max(LIMITS.questionCharacters).regex(/\S/u, 'question must not be empty').describe('the question, in French (or English) / la question');
const history = z.array(turnSchema).max(LIMITS.historyTurns).describe('earlier turns, oldest first, for a follow-up / les tours précédents');

/** POST /ask, and the MCP tool `ask` (which has no `stream`). */
export const askFields = {
  question,
  history: history.optional(),
  k: z.number().int().min(1).max(LIMITS.askPassages).optional().describe('how many passages to retrieve'),
};
export const askRequestSchema = z.object({ ...askFields, stream: z.boolean().optional().describe('send server-sent events as the answer is produced') });
export const askToolSchema = z.object(askFields);

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'must be a date written YYYY-MM-DD');

/** POST /search, and the MCP tool `search_articles`. */
export const searchRequestSchema = z
  .object({
    query: z.string().trim().min(1, 'query must not be empty').max(LIMITS.questionCharacters).regex(/\S/u, 'query must not be empty').describe('what to look for, in French or English / ce qu’il faut chercher'),
    k: z.number().int().min(1).max(LIMITS.searchPassages).optional().describe('how many passages (5 by default)'),
    sources: z.array(z.string().min(1).max(LIMITS.sourceIdCharacters)).min(1).max(LIMITS.sourcesPerFilter).optional().describe('only these articles (their ids, as GET /sources and the article:// resources give them)'),
    from: isoDay.optional().describe('only articles published on or after this day (undated ones are left out)'),
    to: isoDay.optional().describe('only articles published on or before this day (undated ones are left out)'),
  })
  .refine((body) => !body.from || !body.to || body.from <= body.to, { message: 'from must not be after to', path: ['from'] });

/** The MCP tool `get_article` (GET /sources/:source takes the id in its path). */
export const articleRequestSchema = z.object({
  source: z.string().min(1).max(LIMITS.sourceIdCharacters).describe('the article id (as search results and article:// resources give it)'),
});

/** POST /feedback. */
export const feedbackRequestSchema = z.object({
  verdict: z.enum(['up', 'down']),
  question: z.string().trim().min(1, 'question must not be empty').max(LIMITS.questionCharacters),
  answer: z.string().max(LIMITS.feedbackAnswerCharacters),
  citations: z
    .array(z.object({ source: z.string().min(1).max(LIMITS.sourceIdCharacters), start: z.number().int().min(0), end: z.number().int().min(0) }))
    .max(LIMITS.feedbackCitations)
    .optional(),
  comment: z.string().trim().max(LIMITS.commentCharacters).optional(),
});

const chatContentSchema = z.union([
  z.string().max(LIMITS.chatMessageCharacters),
  z.array(z.object({ type: z.string(), text: z.string().max(LIMITS.chatMessageCharacters).optional() }).passthrough()).max(LIMITS.chatContentParts),
]);
export type ChatContent = z.infer<typeof chatContentSchema>;

/**
 * POST /v1/chat/completions, OpenAI's shape. The question (the last user message) has the /ask limit,
 * checked by the route once it is found; earlier turns are cut to the /ask limit rather than refused,
 * since chat clients send back whole answers with their sources lists.
 */
export const chatRequestSchema = z
  .object({
    model: z.string().min(1).max(LIMITS.modelNameCharacters),
    messages: z
      .array(z.object({ role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']), content: chatContentSchema.nullable().optional() }).passthrough())
      .min(1)
      .max(LIMITS.chatMessages),
    stream: z.boolean().optional(),
  })
  .passthrough();

export type AskRequest = z.infer<typeof askRequestSchema>;
export type SearchRequest = z.infer<typeof searchRequestSchema>;
