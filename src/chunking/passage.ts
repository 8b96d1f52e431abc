/** A retrievable unit: a span of one article. `text` is what is cited; `start`/`end` are offsets into the source file. */
export interface Passage {
  /** `${source}#${position}` */
  id: string;
  source: string;
  title: string | null;
  date: string | null;
  author: string | null;
  /** The outlet's name, when the article says it. */
  outlet: string | null;
  /** The article's web address, when known. */
  url: string | null;
  /** The heading of the section the passage belongs to, when the article has headings. */
  section: string | null;
  /** For a PDF, the page the passage starts on (1-based); else null. */
  page: number | null;
  text: string;
  start: number;
  end: number;
  /** 0-based order of the passage within its article. */
  position: number;
}

export interface ChunkingSettings {
  /** Target passage length in characters. */
  chunkSize: number;
  /** Characters of overlap between consecutive passages of a block (whole sentences). */
  chunkOverlap: number;
}
