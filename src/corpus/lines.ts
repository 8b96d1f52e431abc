/** What one byline/date line says ("Par Thierry Derouet, publié le 04 octobre 2024"). */
export interface LineMetadata {
  author: string | null;
  published: string | null;
  updated: string | null;
  /** A date printed with no "publié"/"mis à jour" label ("9 octobre 2024 7 h 48 min"). */
  unlabelled: string | null;
}

/** One line of an article's text. `start`/`end` index the text; `text` excludes the "\n" and a trailing "\r". */
export interface Line {
  text: string;
  start: number;
  end: number;
}

export type LineKind = 'blank' | 'content' | 'heading' | 'boilerplate' | 'metadata' | 'front-matter';

export interface ClassifiedLine extends Line {
  kind: LineKind;
  /** Name of the boilerplate rule that removed the line, when `kind === 'boilerplate'`. */
  rule: string | null;
  /** What a metadata line (byline, date line) says, when `kind === 'metadata'`. */
  metadata: LineMetadata | null;
}

/** Splits on "\n" only; CRLF files keep exact offsets because the "\r" stays outside `text` but inside the file. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? text.length : newline;
    const end = lineEnd > start && text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    lines.push({ text: text.slice(start, end), start, end });
    if (newline === -1) return lines;
    start = newline + 1;
  }
}

export function isBlankLine(text: string): boolean {
  return /^\s*$/u.test(text);
}
