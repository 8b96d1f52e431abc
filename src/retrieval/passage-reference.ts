import type { Passage } from '../chunking/index.js';

/** How a passage is shown to clients (/search results, /ask citations): the contract's field names. */
export interface PassageReference {
  source: string;
  title: string | null;
  date: string | null;
  /** Who wrote the article, its outlet and its web address, when known. */
  author: string | null;
  outlet: string | null;
  url: string | null;
  /** The heading of the section the passage is in, when the article has headings. */
  section: string | null;
  /** For a PDF, the page the excerpt starts on; offsets then index the text extracted from the PDF. */
  page: number | null;
  excerpt: string;
  start: number;
  end: number;
  score: number;
}

export function passageReference(passage: Passage, score: number): PassageReference {
  return {
    source: passage.source,
    title: passage.title,
    date: passage.date,
    author: passage.author,
    outlet: passage.outlet,
    url: passage.url,
    section: passage.section,
    page: passage.page,
    excerpt: passage.text,
    start: passage.start,
    end: passage.end,
    score: Math.round(score * 10_000) / 10_000,
  };
}
