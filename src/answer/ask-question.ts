import type { PassageStore, TermStatistics } from '../index/index.js';
import { LruCache } from '../shared/index.js';
import { boundQuery } from '../text/index.js';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';
import { cosineSimilarity } from '@langchain/core/utils/math';
import { searchHybrid, type RetrievalMode, type RetrievalOptions, type RetrievalResult } from '../retrieval/index.js';
import { roundMs } from '../shared/index.js';
import type { Answer, Citation } from './cited-answer.js';
import { leansOnPrevious, rewriteFollowUp } from './follow-up.js';
import { resolveRelativeDates } from './relative-dates.js';
import type { Answerer, AnswerOptions, ConversationTurn, ExtractiveInput } from './answerer.js';
import { unsupportedClaims } from './claim-check.js';
import { extractiveAnswerer } from './extractive-answerer.js';
import type { ScorerSet } from './scorer-weights.js';
import { detectLanguage } from './question-analysis.js';
import { aboutness, offTopicLevel } from '../retrieval/index.js';
import { frenchWordsFor } from '../text/index.js';


export interface AskInput {
  question: string;
  history?: ConversationTurn[];
  k: number;
}

export interface AskResult extends Answer {
  /** The question as retrieval read it: a follow-up rewritten to stand on its own, else the question. */
  query?: string;
  mode: RetrievalMode;
  timings: { retrievalMs: number; denseMs: number | null; lexicalMs: number; answerMs: number; totalMs: number };
}

export interface AskContext {
  store: PassageStore;
  queryEmbeddings: EmbeddingsInterface | null;
  /** Passage-side vectors of corpus sentences, remembered between questions; embedDocuments when not given. */
  sentenceEmbeddings?: (texts: string[]) => Promise<number[][]>;
  maxPassagesPerArticle: number;
  /** Retrievers to use (both by default); the evaluation compares them one at a time. */
  retrievers?: RetrievalMode;
  /** Extractive by default; the LLM answerer when LLM_BASE_URL is set. */
  answerer?: Answerer;
  /** The extractive scorer's weights when not the shipped ones (the evaluation's leave-one-corpus-out fits). */
  scorers?: ScorerSet;
}

/**
 * Retrieves and answers. A follow-up such as "Et à Bruxelles ?" may not stand on its own: when the
 * question alone finds no evidence, it is asked again together with the previous user turn.
 */
export async function askQuestion(context: AskContext, input: AskInput, options: AnswerOptions = {}): Promise<AskResult> {
  const startedAt = performance.now();
  // Bounded here, once, each part before any is joined (a retry asks the previous question and this one
  // together): only the last turns can shape a follow-up, and a long history costs nothing more.
  const history = (input.history ?? []).slice(-MAX_HISTORY_TURNS_READ).map((turn) => ({ ...turn, content: boundQuery(turn.content) }));
  const question = boundQuery(input.question);
  const query = await standaloneQuestion(context, question, history, options.signal);
  const first = { ...(await answerFor(context, query, input.k, options)), query };
  const previousQuestion = [...history].reverse().find((turn) => turn.role === 'user')?.content;
  // Asked again with the previous question only when it cannot stand alone: a new question that the
  // corpus cannot answer must be refused, not answered with the previous answer.
  if (!first.abstained || !previousQuestion || query !== question || !leansOnPrevious(question)) {
    return { ...first, timings: { ...first.timings, totalMs: roundMs(performance.now() - startedAt) } };
  }

  const retryQuery = `${previousQuestion}\n${question}`;
  // The retry is not streamed as it runs: the route sends its answer whole.
  const retry = await answerFor(context, retryQuery, input.k, options.signal ? { signal: options.signal } : {});
  return {
    ...retry,
    query: retryQuery,
    timings: {
      retrievalMs: roundMs(first.timings.retrievalMs + retry.timings.retrievalMs),
      denseMs: first.timings.denseMs === null || retry.timings.denseMs === null ? null : roundMs(first.timings.denseMs + retry.timings.denseMs),
      lexicalMs: roundMs(first.timings.lexicalMs + retry.timings.lexicalMs),
      answerMs: roundMs(first.timings.answerMs + retry.timings.answerMs),
      totalMs: roundMs(performance.now() - startedAt),
    },
  };
}

/**
 * The answerer reads more passages than `k` and cites only those it uses: a passage that holds
 * the answer sentence may rank just below k when the two retrievers disagree.
 */
const EVIDENCE_POOL_FACTOR = 4;
const MAX_HISTORY_TURNS_READ = 10;

async function answerFor(context: AskContext, question: string, k: number, options: AnswerOptions): Promise<AskResult> {
  const { retrieval, input } = await gatherEvidence(context, question, k);
  const answerStartedAt = performance.now();
  const answerer = context.answerer ?? extractiveAnswerer;
  const answer = await answerer.answer(input, options);
  const answerMs = roundMs(performance.now() - answerStartedAt);
  return {
    ...answer,
    citations: answer.citations.map(withResolvedDates),
    answerer: answer.fallback ? 'extractive' : answerer.kind,
    citationRepairs: answer.citationRepairs ?? [],
    // Every answer, quoted or generated, is checked against what it cites.
    unsupported: answer.unsupported ?? unsupportedClaims(answer.answer, answer.citations),
    conflicts: answer.conflicts ?? [],
    mode: retrieval.mode,
    timings: {
      retrievalMs: retrieval.timings.totalMs,
      denseMs: retrieval.timings.denseMs,
      lexicalMs: retrieval.timings.lexicalMs,
      answerMs,
      totalMs: roundMs(retrieval.timings.totalMs + answerMs),
    },
  };
}

/** A follow-up made standalone: by the LLM when one answers and the rules see a follow-up, else by the rules. */
async function standaloneQuestion(context: AskContext, question: string, history: readonly ConversationTurn[], signal?: AbortSignal): Promise<string> {
  if (history.length === 0) return question;
  const byRules = rewriteFollowUp(question, history);
  if (!byRules.rewritten) return question;
  return (await context.answerer?.rewriteFollowUp?.(question, history, signal)) ?? byRules.query;
}

/** News speaks of "la semaine dernière": each citation says which week, from its article's date. */
function withResolvedDates(citation: Citation): Citation {
  const quoted = citation.highlights.length > 0 ? citation.highlights.map((span) => citation.excerpt.slice(span.start, span.end)).join(' ') : citation.excerpt;
  return { ...citation, dates: resolveRelativeDates(quoted, citation.date) };
}

/**
 * The analyzer's terms of corpus text, remembered per loaded index: the answerer analyses the same
 * sentences of the same passages for question after question (it was half of its time).
 */
const ANALYZED_TEXTS = 50_000;
const analyzedByStore = new WeakMap<PassageStore, { version: string; cache: LruCache<string, string[]> }>();

function analyzedTermsOf(store: PassageStore, lexical: TermStatistics, text: string): string[] {
  let entry = analyzedByStore.get(store);
  if (!entry || entry.version !== store.contentVersion()) analyzedByStore.set(store, (entry = { version: store.contentVersion(), cache: new LruCache(ANALYZED_TEXTS) }));
  let terms = entry.cache.get(text);
  if (terms === undefined) entry.cache.set(text, (terms = lexical.termsOf(text)));
  return terms;
}

/** What the French index reads for a question: an English question's words carried into French (the model reads it as asked). */
export function lexicalQueryOf(question: string): string {
  return detectLanguage(question) === 'en' ? `${question} ${frenchWordsFor(question).join(' ')}` : question;
}

/** Retrieves the evidence pool of a question and what the extractive answerer needs to read it. */
export async function gatherEvidence(context: AskContext, question: string, k: number): Promise<{ retrieval: RetrievalResult; input: ExtractiveInput }> {
  const options: RetrievalOptions = {
    k: k * EVIDENCE_POOL_FACTOR,
    maxPassagesPerArticle: context.maxPassagesPerArticle * EVIDENCE_POOL_FACTOR,
    ...(context.retrievers ? { retrievers: context.retrievers } : {}),
  };
  const lexicalQuery = lexicalQueryOf(question);
  const store = context.store;
  const [retrieval, aboutnessHits, offTopic] = await Promise.all([
    searchHybrid(store, context.queryEmbeddings, question, { ...options, lexicalQuery }),
    store.searchLexical(lexicalQuery, 10, null),
    offTopicLevel(store),
  ]);
  const aboutnessPassages = await store.passages(aboutnessHits.map((hit) => hit.id));
  const lexicalTexts = aboutnessHits.flatMap((hit) => aboutnessPassages.get(hit.id)?.text ?? []);
  // Every text the answerer weighs words of: the question and the passages it reads.
  const lexical = await store.termStatistics([question, lexicalQuery, ...lexicalTexts, ...retrieval.passages.map(({ passage }) => passage.text)]);
  const embeddings = context.queryEmbeddings;
  const queryVector = retrieval.queryVector;
  return {
    retrieval,
    input: {
      question,
      lexicalQuestion: lexicalQuery,
      retrieved: retrieval.passages,
      aboutness: { score: aboutness(lexical, lexicalQuery, lexicalTexts), offTopicLevel: offTopic },
      ...(context.scorers ? { scorers: context.scorers } : {}),
      weights: {
        analyze: (text) => analyzedTermsOf(store, lexical, text),
        idf: (term) => lexical.idf(term),
        documentFrequency: (term) => lexical.documentFrequency(term),
        hasTermStartingWith: (prefix) => lexical.hasTermStartingWith(prefix),
      },
      similarity:
        embeddings && queryVector
          ? async (texts) => {
              const vectors = context.sentenceEmbeddings ? await context.sentenceEmbeddings(texts) : await embeddings.embedDocuments(texts);
              return cosineSimilarity(vectors, [queryVector]).map((row) => row[0] ?? 0);
            }
          : undefined,
    },
  };
}
