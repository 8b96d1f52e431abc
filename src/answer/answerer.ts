import type { Answer, Citation } from './cited-answer.js';
import type { Aboutness } from './answer-decision.js';
import type { ScorerSet } from './scorer-weights.js';
import type { RankingInput } from './unit-ranking.js';

/** What every answerer reads: the question, the retrieved passages, how far the corpus is about the question. */
export interface ExtractiveInput extends RankingInput {
  aboutness: Aboutness;
  /** Weights other than the shipped ones (the evaluation answers each corpus with weights fitted without it). */
  scorers?: ScorerSet;
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

export type AnswererKind = 'extractive' | 'llm';

export interface AnswerOptions {
  /** Called with each piece of the answer text as it is produced (generated answers stream). */
  onDelta?: (text: string) => void;
  /** Aborts generation (a streaming client went away). */
  signal?: AbortSignal;
  /** Called with the numbered passages given to a generating model, before it starts (streaming sends them first). */
  onSources?: (sources: Citation[]) => void;
}

/**
 * Turns the retrieved evidence into an answer with [n] citations, or an abstention. Two
 * implementations: extractive (the default: quotes the sentences that answer) and llm (generates
 * with an OpenAI-compatible model, falling back to extractive).
 */
export interface Answerer {
  readonly kind: AnswererKind;
  answer(input: ExtractiveInput, options?: AnswerOptions): Promise<Answer>;
  /** A follow-up rewritten into a standalone question, when this answerer can (null: use the rules). */
  rewriteFollowUp?(question: string, history: readonly ConversationTurn[], signal?: AbortSignal): Promise<string | null>;
}
