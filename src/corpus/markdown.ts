import { parseFrenchDate } from './french-date.js';
import type { Line } from './lines.js';
import type { ArticleMetadata } from './metadata.js';

const FENCE_OPEN = /^---\s*$/u;
const FENCE_CLOSE = /^(?:---|\.\.\.)\s*$/u;
const MAX_FRONT_MATTER_LINES = 200;

/**
 * Number of leading lines that are YAML front matter ("---" … "---"), 0 when there is none.
 * Markdown bodies are otherwise kept as written: "#" markers stay so that block text is a raw slice.
 */
export function frontMatterLineCount(lines: readonly Line[]): number {
  if (!lines[0] || !FENCE_OPEN.test(lines[0].text.replace(/^\ufeff/u, ''))) return 0;
  const limit = Math.min(lines.length, MAX_FRONT_MATTER_LINES);
  for (let index = 1; index < limit; index += 1) {
    if (FENCE_CLOSE.test(lines[index]?.text ?? '')) return index + 1;
  }
  return 0;
}

/** title/date/author from simple `key: value` front matter (French keys too); other keys are ignored. */
export function frontMatterMetadata(lines: readonly Line[]): Partial<ArticleMetadata> {
  const count = frontMatterLineCount(lines);
  const fields = new Map<string, string>();
  for (const line of lines.slice(1, Math.max(1, count - 1))) {
    const match = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/u.exec(line.text);
    if (match?.[1] && match[2] !== undefined) fields.set(match[1].toLowerCase(), unquoteYamlScalar(match[2]));
  }
  const first = (...keys: string[]): string | null =>
    keys.map((key) => fields.get(key)).find((value) => value !== undefined && value !== '') ?? null;
  const rawDate = first('date', 'published', 'publié', 'pubdate', 'date_published');
  return {
    title: first('title', 'titre'),
    date: rawDate === null ? null : parseFrenchDate(rawDate),
    author: first('author', 'auteur', 'authors', 'auteurs'),
  };
}

function unquoteYamlScalar(value: string): string {
  const text = value.replace(/\s+#.*$/u, '').trim();
  const list = /^\[(.*)\]$/u.exec(text);
  if (list?.[1] !== undefined) return list[1].split(',').map(unquoteYamlScalar).filter(Boolean).join(', ');
  const quoted = /^"(.*)"$|^'(.*)'$/u.exec(text);
  if (!quoted) return text;
  return quoted[1] !== undefined ? quoted[1].replace(/\\"/gu, '"') : (quoted[2] ?? '').replace(/''/gu, "'");
}
