export type ArticleFormat = 'txt' | 'md' | 'html' | 'pdf' | 'docx';

/**
 * A run of article text kept after boilerplate removal, with its place in the original file.
 * For txt and md, `text === raw.slice(start, end)`. For html, where tags and entities are
 * removed, `offsets[i]` is the raw index where the source of `text[i]` starts (the "&" of an
 * entity) and `ends[i]` the raw index just after it (after the entity's ";"), so the raw span
 * of `text.slice(i, j)` is `raw.slice(offsets[i], ends[j - 1])`. Both have `text.length` entries.
 */
export interface TextBlock {
  text: string;
  start: number;
  end: number;
  offsets?: number[];
  ends?: number[];
}

/** One corpus file, cleaned, with its metadata. `source` is the file name: the article's stable id. */
export interface Article {
  source: string;
  format: ArticleFormat;
  title: string | null;
  /** ISO 8601: "2024-10-09T07:48:00" when a time is given, else "2024-10-04". */
  date: string | null;
  author: string | null;
  /** The outlet's name ("Le Monde"), when the page says it. */
  outlet: string | null;
  /** The article's canonical web address, when the page or the feed it came from says it. */
  url: string | null;
  blocks: TextBlock[];
  /** The article's headings, each with the offset where its section starts: a passage belongs to the last one before it. */
  sections?: { title: string; start: number }[];
  /** For a PDF: where each page starts and ends in the extracted text that the offsets index. */
  pages?: { number: number; start: number; end: number }[];
  /** sha256 hex of the file's bytes. */
  contentHash: string;
}
