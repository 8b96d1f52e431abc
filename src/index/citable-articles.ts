/**
 * One document must never stop the service: before an index is built, each article's passages are
 * checked as the loader will check them (an ordered range of offsets inside the article's text, and
 * some text). An article that fails is left out with the reason; the rest is indexed and served.
 */
import { chunkArticle, type ChunkingSettings } from '../chunking/index.js';
import type { Article } from '../corpus/index.js';
import type { SkippedFile } from '../corpus/index.js';
import { passageProblem } from './index-invariants.js';

export function citableArticles(articles: readonly Article[], chunking: ChunkingSettings): { articles: Article[]; skipped: SkippedFile[] } {
  const citable: Article[] = [];
  const skipped: SkippedFile[] = [];
  for (const article of articles) {
    const problem = articleProblem(article, chunking);
    if (problem === null) citable.push(article);
    else skipped.push({ source: article.source, reason: `its passages cannot be cited exactly (${problem}); the rest of the corpus is indexed. Please report the file, or convert it to plain text` });
  }
  return { articles: citable, skipped };
}

function articleProblem(article: Article, chunking: ChunkingSettings): string | null {
  try {
    return passagesProblem(article, chunking);
  } catch (error) {
    return `it cannot be cut into passages: ${(error as Error).message}`;
  }
}

function passagesProblem(article: Article, chunking: ChunkingSettings): string | null {
  // A loop, not Math.min(...blocks): a file of 200,000 short blocks would overflow the call stack.
  let first = Infinity;
  let last = -Infinity;
  for (const block of article.blocks) {
    first = Math.min(first, block.start);
    last = Math.max(last, block.end);
  }
  const passages = chunkArticle(article, chunking);
  let previousStart = -1;
  for (const passage of passages) {
    const problem = passageProblem(passage);
    if (problem) return problem;
    if (passage.start < first || passage.end > last) return `passage ${passage.id} (${passage.start}–${passage.end}) lies outside the article's text (${first}–${last})`;
    if (passage.start < previousStart) return `passage ${passage.id} starts before the passage ahead of it`;
    previousStart = passage.start;
  }
  return null;
}
