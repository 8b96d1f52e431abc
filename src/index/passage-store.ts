import type { ChunkingSettings, Passage } from '../chunking/index.js';

/** Which passages a search may return: articles, a range of publication days (YYYY-MM-DD). */
export interface PassageFilter {
  sources?: readonly string[] | undefined;
  /** Only articles published on or after / on or before this day; undated ones are then left out. */
  from?: string | undefined;
  to?: string | undefined;
}

/** One hit of one retriever: a passage id and that retriever's score (higher is better). */
export interface ScoredPassageId {
  id: string;
  score: number;
}

/** The corpus's term statistics, as BM25 sees them, for the terms of given texts (the answerer weighs words with them). */
export interface TermStatistics {
  /** The analyzer's terms of a text, as indexed and searched. */
  termsOf(text: string): string[];
  idf(term: string): number;
  /** How many passages hold an analysed term (0: the corpus never uses it). */
  documentFrequency(term: string): number;
  /** Whether the corpus uses a term that begins with `prefix`. */
  hasTermStartingWith(prefix: string): boolean;
}

/** An article as the store lists it: its metadata and how many passages it has. */
export type ArticleSummary = Pick<Passage, 'source' | 'title' | 'date' | 'author' | 'outlet' | 'url'> & { passages: number };

export interface StoreDescription {
  kind: 'embedded' | 'postgres';
  articles: number;
  passages: number;
  builtAt: string | null;
  buildMs: number | null;
  vectors: { model: string; dimensions: number } | null;
  chunking: ChunkingSettings | null;
}

/**
 * Where the indexed passages live and how they are searched: the embedded index (files under
 * INDEX_DIR, loaded whole) or PostgreSQL with pgvector. Everything above retrieval reads the corpus
 * through this, so both answer the same way.
 */
export interface PassageStore {
  readonly kind: StoreDescription['kind'];
  /** Whether dense search can run (the passages have vectors of the model loaded now). */
  readonly hasVectors: boolean;
  /** Changes whenever the passages do: what is computed from the corpus is remembered under it. */
  contentVersion(): string;
  describe(): Promise<StoreDescription>;
  /** BM25 over the French analyzer's terms: the `k` best passages with a positive score, best first, ties by id. */
  searchLexical(query: string, k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]>;
  /** Nearest passages to a query vector; score is cosine similarity. */
  searchDense(vector: readonly number[], k: number, filter: PassageFilter | null): Promise<ScoredPassageId[]>;
  /** The passages of these ids that the store holds. */
  passages(ids: readonly string[]): Promise<Map<string, Passage>>;
  /** An article's passages in order (none for an unknown source). */
  articlePassages(source: string): Promise<Passage[]>;
  /** Every article, ordered by source. */
  articles(): Promise<ArticleSummary[]>;
  /** Passages to draw example questions from, at most `max`, the same ones for the same content. */
  samplePassages(max: number): Promise<Passage[]>;
  /**
   * Term statistics covering every term of these texts; `hasTermStartingWith` is sure for the terms
   * of `prefixTexts` (the question's, by default the first two texts).
   */
  termStatistics(texts: readonly string[], prefixTexts?: readonly string[]): Promise<TermStatistics>;
}

/** Whether a passage passes a filter. */
export function passesFilter(passage: Pick<Passage, 'source' | 'date'>, filter: PassageFilter): boolean {
  if (filter.sources && !filter.sources.includes(passage.source)) return false;
  if (!filter.from && !filter.to) return true;
  const day = passage.date?.slice(0, 10);
  if (!day) return false;
  return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
}

/** The summaries of the articles these passages belong to, ordered by source. */
export function summariesOf(passages: readonly Passage[]): ArticleSummary[] {
  const bySource = new Map<string, ArticleSummary>();
  for (const passage of passages) {
    const known = bySource.get(passage.source);
    if (known) known.passages += 1;
    else bySource.set(passage.source, { source: passage.source, title: passage.title, date: passage.date, author: passage.author, outlet: passage.outlet, url: passage.url, passages: 1 });
  }
  return [...bySource.values()].sort((a, b) => (a.source < b.source ? -1 : 1));
}

/** The store cannot be reached (the database is down or restarting): the request may be retried in a moment. */
export class StoreUnavailableError extends Error {
  readonly retryAfterSeconds: number;
  /** What the driver said, for the log only. */
  readonly detail: string | null;
  constructor(message: string, retryAfterSeconds = 5, detail: string | null = null) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
    this.detail = detail;
  }
}
