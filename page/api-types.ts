/** The parts of the /ask response the page reads (the server's `AskResult`; see the OpenAPI document at /docs). */
export interface PassageReference {
  source: string;
  title: string | null;
  date: string | null;
  author: string | null;
  outlet: string | null;
  section: string | null;
  page: number | null;
  excerpt: string;
  start: number;
  end: number;
}

export interface Citation extends PassageReference {
  index: number;
  /** The sentences of the excerpt the answer quotes, as offsets into `excerpt`. */
  highlights: { start: number; end: number }[];
}

export interface UnsupportedClaim {
  sentence: string;
  reason: string;
}

export interface Conflict {
  values: { value: string; index?: number | null }[];
}

export interface AskAnswer {
  answer: string;
  citations: Citation[];
  abstained: boolean;
  abstention?: { reason: 'not_in_corpus' | 'not_stated' };
  related?: PassageReference[];
  answerer?: 'extractive' | 'llm';
  unsupported?: UnsupportedClaim[];
  conflicts?: Conflict[];
  /** The question as retrieval read it: differs from the question only when the server rewrote a follow-up. */
  query?: string;
}

export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}
