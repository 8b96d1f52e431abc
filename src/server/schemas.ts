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

export const searchRequestSchema = z.object({
  query: z.string().trim().min(1, 'query must not be empty').max(MAX_QUESTION_LENGTH),
  k: z.number().int().min(1).max(50).optional(),
});

export type AskRequest = z.infer<typeof askRequestSchema>;
export type SearchRequest = z.infer<typeof searchRequestSchema>;
