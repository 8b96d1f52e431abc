/**
 * The shapes the page reads, taken from the server's contracts (src/contracts): type-only, so
 * nothing of the server is bundled, and a change of the API is a type error here.
 */
import type { z } from 'zod';
import type { askResponseSchema, citationSchema, passageReferenceSchema, turnSchema } from '../src/contracts/index.js';

export type PassageReference = z.infer<typeof passageReferenceSchema>;
export type Citation = z.infer<typeof citationSchema>;
export type HistoryTurn = z.infer<typeof turnSchema>;
type AskResponse = z.infer<typeof askResponseSchema>;
export type UnsupportedClaim = NonNullable<AskResponse['unsupported']>[number];

/** An answer as the page keeps it: the whole response, or what came of it before a stop or a cut. */
export type AskAnswer = Pick<AskResponse, 'answer' | 'citations' | 'abstained'> &
  Partial<Pick<AskResponse, 'abstention' | 'related' | 'answerer' | 'unsupported' | 'conflicts' | 'query'>>;
