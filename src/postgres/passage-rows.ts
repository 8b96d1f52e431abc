import type { Passage } from '../chunking/index.js';

/** The columns a passage is read back from, in the order of `passageOf`. */
export const PASSAGE_COLUMNS = 'id, source, position, title, date, author, outlet, url, section, page, text, start_offset, end_offset';

export interface PassageRow {
  id: string;
  source: string;
  position: number;
  title: string | null;
  date: string | null;
  author: string | null;
  outlet: string | null;
  url: string | null;
  section: string | null;
  page: number | null;
  text: string;
  start_offset: number;
  end_offset: number;
}

export function passageOf(row: PassageRow): Passage {
  return {
    id: row.id,
    source: row.source,
    title: row.title,
    date: row.date,
    author: row.author,
    outlet: row.outlet,
    url: row.url,
    section: row.section,
    page: row.page,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
    position: row.position,
  };
}

/** A day of YYYY-MM-DD…, for the `day` column the date filters read; null when the date is not one. */
export function dayOf(date: string | null): string | null {
  const day = date?.slice(0, 10) ?? '';
  return /^\d{4}-\d{2}-\d{2}$/u.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`)) ? day : null;
}

/** pgvector's text form of a vector. */
export function vectorLiteral(vector: readonly number[]): string {
  return `[${vector.join(',')}]`;
}
