import type { Article, TextBlock } from '../corpus/index.js';
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
      const span = rawSpan(article, block, chunk);
      passages.push({
        id: `${article.source}#${position}`,
        source: article.source,
        title: article.title,
        date: article.date,
        author: article.author,
        outlet: article.outlet,
        url: article.url,
        text: chunk.text,
        ...span,
        section: sectionAt(article, span.start),
        page: article.pages?.find((page) => span.start >= page.start && span.start < page.end)?.number ?? null,
        position,
      });
    }
  }
  return passages;
}

/**
 * Maps a chunk of `block.text` to offsets in the raw file (through `offsets`/`ends` when tags and
 * entities were removed: the span runs from the source of the first character to just after the
 * source of the last, so a trailing "&hellip;" is kept whole).
 */
function rawSpan(article: Article, block: TextBlock, chunk: TextChunk): { start: number; end: number } {
  if (block.offsets === undefined && block.ends === undefined) {
    if (article.format === 'html' || article.format === 'md' || article.format === 'docx') {
      throw new Error(`${article.source}: a ${article.format} block needs offsets to map passages to the source`);
    }
    return { start: block.start + chunk.start, end: block.start + chunk.end };
  }
  if (block.offsets === undefined || block.ends === undefined) {
    throw new Error(`${article.source}: a block with offsets needs both offsets and ends to map passages to the source`);
  }
  const start = block.offsets[chunk.start];
  const end = block.ends[chunk.end - 1];
  if (start === undefined || end === undefined) {
    throw new Error(
      `${article.source}: block offsets/ends do not cover its text (${block.offsets.length} offsets, ${block.ends.length} ends for ${block.text.length} characters)`,
    );
  }
  return { start, end };
}

/** The heading of the last section that starts before `offset`. */
function sectionAt(article: Article, offset: number): string | null {
  let title: string | null = null;
  for (const section of article.sections ?? []) if (section.start <= offset) title = section.title;
  return title;
}
