import type { RankedHit } from './ranked.js';

/** The usual RRF constant (Cormack et al. 2009): damps the weight of the very first ranks. */
export const RRF_K = 60;

/** Reciprocal rank fusion: score(id) = Σ 1 / (RRF_K + rank) over the lists that hold it. */
export function reciprocalRankFusion(lists: RankedHit[][], rrfK = RRF_K): RankedHit[] {
  const fused = new Map<string, number>();
  for (const list of lists) {
    list.forEach((hit, rank) => fused.set(hit.id, (fused.get(hit.id) ?? 0) + 1 / (rrfK + rank + 1)));
  }
  return [...fused.entries()]
    .map(([id, score]) => ({ id, score }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
