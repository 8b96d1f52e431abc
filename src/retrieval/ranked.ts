/** One hit of one retriever: a passage id and that retriever's score (higher is better). */
export interface RankedHit {
  id: string;
  score: number;
}

export interface RankedList {
  hits: RankedHit[];
  elapsedMs: number;
}
