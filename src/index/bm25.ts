import { analyzeFrench } from '../text/index.js';

export type Analyzer = (text: string) => string[];

export interface Bm25Hit {
  id: string;
  score: number;
}

/**
 * Plain-JSON form of a `Bm25Index`. `postings` pairs each term with a flat list
 * `[docIndex, termFrequency, docIndex, termFrequency, …]`, doc indexes increasing and pointing
 * into `ids`; `lengths[i]` is the number of terms of doc `i`.
 */
export interface Bm25Snapshot {
  version: 1;
  k1: number;
  b: number;
  ids: string[];
  lengths: number[];
  postings: [term: string, docsAndFrequencies: number[]][];
}

interface Postings {
  docs: Uint32Array;
  frequencies: Uint32Array;
}

const K1 = 1.2;
const B = 0.75;

/** Okapi BM25 over an inverted index. Terms come from the analyzer; idf is Lucene's (never negative). */
export class Bm25Index {
  readonly #ids: readonly string[];
  readonly #lengths: Uint32Array;
  readonly #postings: ReadonlyMap<string, Postings>;
  readonly #averageLength: number;
  readonly #analyze: Analyzer;
  #sortedTerms: string[] | undefined;

  private constructor(ids: readonly string[], lengths: Uint32Array, postings: ReadonlyMap<string, Postings>, analyze: Analyzer) {
    this.#ids = ids;
    this.#lengths = lengths;
    this.#postings = postings;
    this.#analyze = analyze;
    const total = lengths.reduce((sum, length) => sum + length, 0);
    this.#averageLength = ids.length === 0 || total === 0 ? 1 : total / ids.length;
  }

  static build(docs: readonly { id: string; text: string }[], analyze: Analyzer = analyzeFrench): Bm25Index {
    const ids = docs.map((doc) => doc.id);
    assertUniqueIds(ids);
    const lengths = new Uint32Array(docs.length);
    const lists = new Map<string, number[]>();
    docs.forEach((doc, index) => {
      const terms = analyze(doc.text);
      lengths[index] = terms.length;
      for (const [term, frequency] of countTerms(terms)) {
        let list = lists.get(term);
        if (list === undefined) lists.set(term, (list = []));
        list.push(index, frequency);
      }
    });
    const postings = new Map<string, Postings>();
    for (const [term, list] of lists) postings.set(term, postingsOf(list));
    return new Bm25Index(ids, lengths, postings, analyze);
  }

  /** Rebuilds an index from `toJSON()`'s output; throws when the snapshot is not a valid one. */
  static fromJSON(snapshot: unknown, analyze: Analyzer = analyzeFrench): Bm25Index {
    const valid = validateSnapshot(snapshot);
    const postings = new Map<string, Postings>();
    for (const [term, list] of valid.postings) postings.set(term, postingsOf(list));
    return new Bm25Index([...valid.ids], Uint32Array.from(valid.lengths), postings, analyze);
  }

  get size(): number {
    return this.#ids.length;
  }

  /** The analyzer's terms for `text`, as indexed and searched. */
  termsOf(text: string): string[] {
    return this.#analyze(text);
  }

  /** How many passages hold an analysed term (0: the corpus never uses it). */
  documentFrequency(term: string): number {
    return this.#postings.get(term)?.docs.length ?? 0;
  }

  /** Whether the corpus uses a term that begins with `prefix` (an analysed term): "mac" for "macos". */
  hasTermStartingWith(prefix: string): boolean {
    this.#sortedTerms ??= [...this.#postings.keys()].sort();
    const terms = this.#sortedTerms;
    let low = 0;
    let high = terms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (terms[middle]! < prefix) low = middle + 1;
      else high = middle;
    }
    return terms[low]?.startsWith(prefix) ?? false;
  }

  /** Inverse document frequency of an analysed term: ln(1 + (N − n + 0.5) / (n + 0.5)). */
  idf(term: string): number {
    const n = this.#postings.get(term)?.docs.length ?? 0;
    const total = this.#ids.length;
    return Math.log(1 + (total - n + 0.5) / (n + 0.5));
  }

  /** The `k` best docs for `query` with a positive score, best first, ties by id. */
  search(query: string, k: number): Bm25Hit[] {
    const limit = Math.floor(k);
    if (!(limit > 0)) return [];
    // Dense accumulators: a frequent term touches most docs, where a Map would be several times slower.
    const scores = new Float64Array(this.#ids.length);
    const touched: number[] = [];
    for (const term of new Set(this.termsOf(query))) {
      const postings = this.#postings.get(term);
      if (postings === undefined) continue;
      const idf = this.idf(term);
      for (let i = 0; i < postings.docs.length; i++) {
        const doc = postings.docs[i] ?? 0;
        const frequency = postings.frequencies[i] ?? 0;
        const norm = K1 * (1 - B + (B * (this.#lengths[doc] ?? 0)) / this.#averageLength);
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] = (scores[doc] ?? 0) + (idf * frequency * (K1 + 1)) / (frequency + norm);
      }
    }
    const hits = new TopHits(limit);
    for (const doc of touched) {
      const score = scores[doc] ?? 0;
      if (score > 0) hits.offer({ id: this.#ids[doc] ?? '', score });
    }
    return hits.sorted();
  }

  toJSON(): Bm25Snapshot {
    const postings: [string, number[]][] = [];
    for (const [term, { docs, frequencies }] of this.#postings) {
      const list: number[] = [];
      docs.forEach((doc, i) => list.push(doc, frequencies[i] ?? 0));
      postings.push([term, list]);
    }
    return { version: 1, k1: K1, b: B, ids: [...this.#ids], lengths: Array.from(this.#lengths), postings };
  }
}

/**
 * The `limit` best hits offered, sorted by score desc then id. A small limit keeps a sorted
 * window (no sort of every touched doc); a large one collects everything and sorts once.
 */
class TopHits {
  static readonly #windowLimit = 256;
  readonly #limit: number;
  readonly #hits: Bm25Hit[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  offer(hit: Bm25Hit): void {
    const hits = this.#hits;
    if (this.#limit > TopHits.#windowLimit) {
      hits.push(hit);
      return;
    }
    const worst = hits[hits.length - 1];
    if (hits.length >= this.#limit && worst !== undefined && compareHits(hit, worst) >= 0) return;
    let low = 0;
    let high = hits.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareHits(hits[middle] ?? hit, hit) <= 0) low = middle + 1;
      else high = middle;
    }
    hits.splice(low, 0, hit);
    if (hits.length > this.#limit) hits.pop();
  }

  sorted(): Bm25Hit[] {
    return [...this.#hits].sort(compareHits).slice(0, this.#limit);
  }
}

function compareHits(x: Bm25Hit, y: Bm25Hit): number {
  return y.score - x.score || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

function postingsOf(list: readonly number[]): Postings {
  const docs = new Uint32Array(list.length / 2);
  const frequencies = new Uint32Array(list.length / 2);
  for (let i = 0; i < docs.length; i++) {
    docs[i] = list[2 * i] ?? 0;
    frequencies[i] = list[2 * i + 1] ?? 0;
  }
  return { docs, frequencies };
}

function assertUniqueIds(ids: readonly string[]): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new Error(`BM25: duplicate document id ${JSON.stringify(id)}`);
    seen.add(id);
  }
}

function validateSnapshot(value: unknown): Bm25Snapshot {
  const fail = (reason: string): never => {
    throw new Error(`Invalid BM25 snapshot: ${reason}`);
  };
  if (typeof value !== 'object' || value === null) return fail('not an object');
  const s = value as Record<string, unknown>;
  if (s['version'] !== 1) return fail(`unsupported version ${JSON.stringify(s['version'])} (expected 1)`);
  if (s['k1'] !== K1 || s['b'] !== B) return fail(`parameters k1=${String(s['k1'])}, b=${String(s['b'])} (expected k1=${K1}, b=${B})`);
  const { ids, lengths, postings } = s;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) return fail('ids must be an array of strings');
  try {
    assertUniqueIds(ids as string[]);
  } catch {
    return fail('ids are not unique');
  }
  if (!Array.isArray(lengths) || lengths.length !== ids.length || !lengths.every(isCount)) {
    return fail('lengths must hold one non-negative integer per id');
  }
  if (!Array.isArray(postings)) return fail('postings must be an array');
  const termsPerDoc = new Array<number>(ids.length).fill(0);
  const terms = new Set<string>();
  for (const entry of postings as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !Array.isArray(entry[1])) {
      return fail('each posting must be [term, number[]]');
    }
    const [term, list] = entry as [string, unknown[]];
    if (terms.has(term)) return fail(`term ${JSON.stringify(term)} appears twice`);
    terms.add(term);
    if (list.length === 0 || list.length % 2 !== 0) return fail(`postings of ${JSON.stringify(term)} must be non-empty [doc, frequency] pairs`);
    let previous = -1;
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i];
      const frequency = list[i + 1];
      if (!isCount(doc) || doc <= previous || doc >= ids.length) return fail(`postings of ${JSON.stringify(term)} have a bad doc index`);
      if (!isCount(frequency) || frequency === 0) return fail(`postings of ${JSON.stringify(term)} have a bad frequency`);
      termsPerDoc[doc] = (termsPerDoc[doc] ?? 0) + frequency;
      previous = doc;
    }
  }
  if (termsPerDoc.some((count, doc) => count !== lengths[doc])) return fail('lengths do not match the postings');
  return value as Bm25Snapshot;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
