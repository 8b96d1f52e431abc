import type { Article, TextBlock } from '../corpus/article.js';
import { FrenchSentenceTextSplitter, type TextChunk } from './french-sentence-splitter.js';
import type { ChunkingSettings, Passage } from './passage.js';

/**
 * Splits an article into passages, block by block (a passage never spans two blocks), with
 * offsets into the raw source file and positions numbered from 0 across the article.
 */
export function chunkArticle(article: Article, settings: ChunkingSettings): Passage[] {
  const splitter = new FrenchSentenceTextSplitter(settings);
  const passages: Passage[] = [];
  for (const block of article.blocks) {
    for (const chunk of splitter.splitTextWithOffsets(block.text)) {
      const position = passages.length;
      passages.push({
        id: `${article.source}#${position}`,
        source: article.source,
        title: article.title,
        date: article.date,
        author: article.author,
        text: chunk.text,
        ...rawSpan(article, block, chunk),
        position,
      });
    }
  }
  return passages;
}

/** Maps a chunk of `block.text` to offsets in the raw file (through `offsets` when tags were removed). */
function rawSpan(article: Article, block: TextBlock, chunk: TextChunk): { start: number; end: number } {
  if (block.offsets === undefined) {
    if (article.format === 'html') {
      throw new Error(`${article.source}: an html block needs offsets to map passages to the source`);
    }
    return { start: block.start + chunk.start, end: block.start + chunk.end };
  }
  const start = block.offsets[chunk.start];
  const last = block.offsets[chunk.end - 1];
  if (start === undefined || last === undefined) {
    throw new Error(`${article.source}: block offsets do not cover its text (${block.offsets.length} offsets for ${block.text.length} characters)`);
  }
  return { start, end: last + 1 };
}
