import { z } from 'zod';

export const MAX_QUESTION_LENGTH = 2000;

const turnSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string().max(8000),
});

export const askRequestSchema = z.object({
  question: z.string().trim().min(1, 'question must not be empty').max(MAX_QUESTION_LENGTH),
  history: z.array(turnSchema).max(50).optional(),
  k: z.number().int().min(1).max(20).optional(),
  stream: z.boolean().optional(),
});

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/u, 'must be a date written YYYY-MM-DD');

export const searchRequestSchema = z
  .object({
    query: z.string().trim().min(1, 'query must not be empty').max(MAX_QUESTION_LENGTH),
    k: z.number().int().min(1).max(50).optional(),
    /** Only these articles (their `source` ids, as GET /sources lists them). */
    sources: z.array(z.string().min(1).max(300)).min(1).max(100).optional(),
    /** Only articles published on or after / on or before this day (undated articles are left out). */
    from: isoDay.optional(),
    to: isoDay.optional(),
  })
  .refine((body) => !body.from || !body.to || body.from <= body.to, { message: 'from must not be after to', path: ['from'] });

export const feedbackRequestSchema = z.object({
  verdict: z.enum(['up', 'down']),
  question: z.string().trim().min(1, 'question must not be empty').max(MAX_QUESTION_LENGTH),
  answer: z.string().max(20_000),
  citations: z.array(z.object({ source: z.string().min(1).max(300), start: z.number().int().min(0), end: z.number().int().min(0) })).max(20).optional(),
  comment: z.string().trim().max(2000).optional(),
});

export type AskRequest = z.infer<typeof askRequestSchema>;
export type SearchRequest = z.infer<typeof searchRequestSchema>;
