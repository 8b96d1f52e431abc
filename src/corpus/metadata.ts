import { matchDateAt } from './french-date.js';
import type { ClassifiedLine, LineMetadata } from './lines.js';


export interface ArticleMetadata {
  title: string | null;
  date: string | null;
  author: string | null;
  /** The outlet's name ("Le Monde"), when the page says it. */
  outlet: string | null;
  /** Where the article lives on the web (its canonical address), when known. */
  url: string | null;
}

/** Longer lines are prose, even if they start like a byline. */
const MAX_METADATA_LINE_LENGTH = 200;
/** A first line longer than this is a lead paragraph, not a headline. */
const MAX_HEADLINE_LENGTH = 150;
const MAX_DERIVED_TITLE_LENGTH = 120;
const MANUAL_NAME_SECTION = /^(?:NOM|NAME)$/u;

// A name is 1–6 capitalised words ("Jean-Baptiste", "J.-B.", "d'Estaing"), lowercase particles allowed between.
// Words that open the next part of a byline ("Publié", "Mis à jour") are not name words.
const NAME_WORD = "(?!(?:Publiée?|Parue?|Mise?|Modifiée?|Actualisée?|Lecture|Temps)(?![\\p{L}]))(?:[dD]['’])?\\p{Lu}[\\p{L}\\p{M}'’.\\-]*";
const PARTICLE = "(?:de|du|des|le|la|van|von|der|den|di|da|del|dos|ben|bin|el|al)";
const NAME = `${NAME_WORD}(?:\\s+(?:${PARTICLE}\\s+)?${NAME_WORD}){0,5}`;
const NAMES = `${NAME}(?:\\s+(?:et|and|&)\\s+${NAME})*`;

const AUTHOR_PIECE = new RegExp(
  `(?:(?:[Pp]ar|PAR|[Bb]y|[ÉéEe]crit par|[Rr]édigé par|[Pp]ropos recueillis par)\\s+|(?:[Aa]uteure?s?|[Aa]uthors?|[Ss]ignature)\\s*:\\s*)(${NAMES})`,
  'uy',
);
const PUBLISHED_LABEL = /(?:publiée?|parue?|parution|date de publication)\s*(?:le\s+|:\s*)?/iuy;
const UPDATED_LABEL = /(?:mise? à jour|modifiée?|actualisée?|màj|maj)\s*(?:le\s+|:\s*)?/iuy;
const UNLABELLED_PREFIX = /(?:le\s+)?/iuy;
const READING_TIME = /(?:(?:temps de )?lecture\s*:?\s*\d+\s*min(?:utes?)?|\d+\s*min(?:utes?)?\s+de lecture)/iuy;
const SEPARATOR = /[\s,;|•·–—-]+/uy;
/** The place of a dateline, before "le 3 novembre 2024": "Marseille, ", "Saint-Denis-de-la-Réunion, ", "Aix-en-Provence, ". */
const DATELINE_PLACE = /\p{Lu}[\p{L}'’]*(?:[\s-]+(?:\p{Lu}[\p{L}'’]*|sur|sous|en|de|du|des|la|le|les|lès|d['’]\p{Lu}[\p{L}'’]*)){0,5}\s*,\s*le\s+/uy;

/**
 * Reads a line that is nothing but byline and dates, piece by piece; null as soon as some text
 * is neither (so "Par exemple, Julie Lavet…" and ordinary sentences are never metadata).
 */
export function parseMetadataLine(line: string, options: { dateline?: boolean } = { dateline: true }): LineMetadata | null {
  const text = line.trim();
  if (text === '' || text.length > MAX_METADATA_LINE_LENGTH) return null;
  const found: LineMetadata = { author: null, published: null, updated: null, unlabelled: null };
  let position = 0;
  while (position < text.length) {
    const next = consumeMetadataPiece(text, position, found, options.dateline ?? true);
    if (next === null) return null;
    position = next;
  }
  const saysSomething = found.author ?? found.published ?? found.updated ?? found.unlabelled;
  return saysSomething ? found : null;
}

function consumeMetadataPiece(text: string, position: number, found: LineMetadata, dateline: boolean): number | null {
  const separator = stickyMatch(SEPARATOR, text, position);
  if (separator) return position + separator[0].length;
  const readingTime = stickyMatch(READING_TIME, text, position);
  if (readingTime) return position + readingTime[0].length;
  // A dateline ("Marseille, le 3 novembre 2024") dates the article, unless a labelled date says otherwise.
  const place = dateline && position === 0 ? stickyMatch(DATELINE_PLACE, text, position) : null;
  const datelineDate = place ? matchDateAt(text, place[0].length) : null;
  if (place && datelineDate) {
    found.unlabelled ??= datelineDate.iso;
    return place[0].length + datelineDate.length;
  }
  const author = stickyMatch(AUTHOR_PIECE, text, position);
  if (author?.[1]) {
    found.author ??= author[1].replace(/\s+/gu, ' ');
    return position + author[0].length;
  }
  for (const [label, field] of [
    [PUBLISHED_LABEL, 'published'],
    [UPDATED_LABEL, 'updated'],
    [UNLABELLED_PREFIX, 'unlabelled'],
  ] as const) {
    const prefix = stickyMatch(label, text, position);
    if (!prefix) continue;
    const date = matchDateAt(text, position + prefix[0].length);
    if (!date) continue;
    found[field] ??= date.iso;
    return position + prefix[0].length + date.length;
  }
  return null;
}

function stickyMatch(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

/** Author and date from the article's metadata lines: the publication date wins over an undated label, then an update. */
export function metadataFromLines(lines: readonly ClassifiedLine[]): { date: string | null; author: string | null } {
  const found = lines.flatMap((line) => (line.metadata ? [line.metadata] : []));
  const first = (field: keyof LineMetadata): string | null =>
    found.find((m) => m[field] !== null)?.[field] ?? null;
  return {
    author: first('author'),
    date: first('published') ?? first('unlabelled') ?? first('updated'),
  };
}

/**
 * The headline: the first line of article text (markdown "#" markers removed). When that line is
 * a whole lead paragraph, its first sentence, cut at a word boundary to 120 characters with "…".
 */
export function titleFromLines(lines: readonly ClassifiedLine[]): string | null {
  const firstIndex = lines.findIndex((line) => line.kind === 'content' || line.kind === 'heading');
  const first = lines[firstIndex];
  if (!first) return null;
  // A manual page's title is its NAME section: "crontab - Entretenir les fichiers crontab…".
  if (first.kind === 'heading' && MANUAL_NAME_SECTION.test(first.text.trim())) {
    const paragraph: string[] = [];
    for (const line of lines.slice(firstIndex + 1)) {
      if (line.kind !== 'content') break;
      paragraph.push(line.text.trim());
    }
    const name = paragraph.join(' ').replace(/[‐-]\s+(?=\p{Ll})/gu, '').replace(/\s+/gu, ' ').trim();
    if (name !== '') return shortenAtWordBoundary(name, MAX_DERIVED_TITLE_LENGTH);
  }
  const headline = first.text.replace(/^\s*#{1,6}\s+/u, '').replace(/\s+#+\s*$/u, '').replace(/\s+/gu, ' ').trim();
  if (headline.length <= MAX_HEADLINE_LENGTH) return headline;
  return shortenAtWordBoundary(firstSentence(headline), MAX_DERIVED_TITLE_LENGTH);
}

/** The first sentence, without its final full stop. */
export function firstSentence(text: string): string {
  const end = /[.!?…](?=\s+[\p{Lu}«"“]|\s*$)/u.exec(text);
  const sentence = end ? text.slice(0, end.index + end[0].length) : text;
  return sentence.replace(/\.$/u, '').trim();
}

/** `text` if it fits in `max` characters, else its longest word-boundary prefix that fits with "…". */
export function shortenAtWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, max - 1);
  const lastSpace = room.search(/\s\S*$/u);
  const cut = lastSpace > 0 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** The first non-null value of each field, in order of trust. */
export function mergeMetadata(...sources: readonly Partial<ArticleMetadata>[]): ArticleMetadata {
  const pick = (field: keyof ArticleMetadata): string | null =>
    sources.map((source) => source[field]).find((value) => value !== null && value !== undefined && value !== '') ?? null;
  const author = pick('author');
  return { title: pick('title'), date: pick('date'), author: author === null ? null : cleanAuthor(author), outlet: pick('outlet'), url: pick('url') };
}

/** "Par Claire Fontaine" → "Claire Fontaine"; "Colin Plumb." → "Colin Plumb" (an initial keeps its period: "J.-B. Lenoir"). */
function cleanAuthor(author: string): string {
  const cleaned = author.replace(/^(?:par|by)\s+/iu, '').replace(/(?<=\p{L}{2})\.$/u, '').trim();
  return cleaned === '' ? author : cleaned;
}
