import { constants } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { Article, ArticleFormat } from './article.js';
import { sha256Hex } from '../shared/index.js';
import { parseArticle, readArticleLines } from './parse-article.js';
import { docxHtml } from './docx-html.js';
import { pdfText, type PdfText } from './pdf-text.js';
import { learnRepeatedLines } from './repeated-lines.js';
import { MAX_CORPUS_DEPTH, MAX_CORPUS_ENTRIES, walkCorpus, type CorpusWalk } from './corpus-walk.js';

export interface SkippedFile {
  source: string;
  reason: string;
}

/** A file that was not UTF-8, indexed from the legacy encoding it was written in. */
export interface ConvertedFile {
  source: string;
  encoding: string;
}

export interface CorpusReadResult {
  articles: Article[];
  skipped: SkippedFile[];
  converted: ConvertedFile[];
}

export const MAX_ARTICLE_BYTES = 5 * 1024 * 1024;

const FORMAT_BY_EXTENSION: Readonly<Record<string, ArticleFormat>> = {
  '.txt': 'txt',
  '.md': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
};
/** Reports and press releases in PDF run larger than text articles. */
export const MAX_PDF_BYTES = 25 * 1024 * 1024;

/** The article format a file name's extension announces (case-insensitive), or null. */
export function formatFromFileName(name: string): ArticleFormat | null {
  return FORMAT_BY_EXTENSION[path.extname(name).toLowerCase()] ?? null;
}

/**
 * Strict UTF-8 decoding; throws on invalid bytes. A leading BOM is KEPT as character 0 (U+FEFF),
 * exactly as Node's `readFile(path, 'utf8')` returns it, so article offsets index the string
 * `readFile(path, 'utf8')` gives. The BOM never reaches a title, block or passage: it is
 * whitespace to the trimming and line rules, and html text skips it.
 */
export function decodeArticleBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
}

/**
 * Reads the articles stored in `dir` and its sub-folders, sorted by path; each article's id is its path relative to `dir`. Only regular .txt/.md/.html/.htm/.pdf/.docx
 * files are read (a PDF's offsets index the text extracted from it, see pdf-text.ts; a Word document's,
 * the HTML that mammoth makes of it); symbolic links are never followed (nothing outside the corpus is read), and each
 * file left out is listed in `skipped` with the reason.
 */
export interface ReadCorpusOptions {
  /** Read files that have other names (hard links) too: only when every name is trusted (CORPUS_ALLOW_HARD_LINKS). */
  allowHardLinks?: boolean;
}

export async function readCorpus(dir: string, options: ReadCorpusOptions = {}): Promise<CorpusReadResult> {
  let walk: CorpusWalk;
  try {
    walk = await walkCorpus(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`the corpus folder ${dir} does not exist: create it and put articles in it, or set CORPUS_DIR to the folder that holds them`);
    if (code === 'ENOTDIR') throw new Error(`CORPUS_DIR (${dir}) is a file, not a folder: set it to the folder that holds the articles`);
    throw new Error(`the corpus folder ${dir} cannot be read (${code ?? String(error)}): check its permissions`);
  }
  const files: ReadFile[] = [];
  const skipped: SkippedFile[] = [];
  if (walk.truncated) skipped.push({ source: '…', reason: `the corpus folder holds more than ${MAX_CORPUS_ENTRIES} entries: the rest is not read` });
  for (const { relative, absolute, entry, entered } of walk.entries) {
    // Real sub-folders are read through (hidden ones are not); their files are articles like the others.
    if (entered) continue;
    const outcome = await readEntry(walk.root, relative, absolute, entry, options);
    if ('reason' in outcome) skipped.push({ source: relative, reason: outcome.reason });
    else files.push(outcome);
  }
  // Furniture is what repeats across the corpus's documents: learned from all of them, then removed from each.
  const read = files.map((file) => readArticleLines(file.raw, file.format, file.pdf));
  const repeatedLines = learnRepeatedLines(read.map((article) => article.lines));
  const articles: Article[] = [];
  for (const [i, file] of files.entries()) {
    const article = parseArticle(file.source, file.raw, file.format, repeatedLines, read[i]);
    if (article.blocks.length === 0) skipped.push({ source: file.source, reason: 'no article text (empty, or only boilerplate)' });
    else articles.push({ ...article, contentHash: file.contentHash });
  }
  skipped.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  const converted = files.flatMap((file) => (file.encoding && articles.some((article) => article.source === file.source) ? [{ source: file.source, encoding: file.encoding }] : []));
  return { articles, skipped, converted };
}

interface DirectoryEntry {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

interface ReadFile {
  source: string;
  /** The file's text; for a PDF, the text extracted from it. */
  raw: string;
  format: ArticleFormat;
  contentHash: string;
  pdf?: PdfText;
  /** Set when the file was not UTF-8 and was decoded from this encoding. */
  encoding?: 'windows-1252';
}

async function readEntry(root: string, relative: string, absolute: string, entry: DirectoryEntry, options: ReadCorpusOptions): Promise<ReadFile | { reason: string }> {
  if (entry.name.startsWith('.')) return { reason: entry.isDirectory() ? 'hidden folder (not read)' : 'hidden file' };
  if (entry.isSymbolicLink()) return { reason: 'symbolic link (not followed: only files inside the corpus are read)' };
  if (entry.isDirectory()) return { reason: `folder deeper than ${MAX_CORPUS_DEPTH} levels (not read)` };
  if (!entry.isFile()) return { reason: 'not a regular file' };
  const format = formatFromFileName(entry.name);
  if (!format) return { reason: `unsupported extension "${path.extname(entry.name)}" (expected .txt, .md, .html, .htm, .pdf or .docx)` };
  // A folder swapped for a link after the listing would lead outside: its real place is checked (the file itself is opened O_NOFOLLOW).
  if (relative.includes('/') && (await realpath(path.dirname(absolute)).catch(() => null)) !== path.join(root, path.dirname(relative))) {
    return { reason: 'its folder is no longer inside the corpus (changed while it was read)' };
  }
  const bytes = await readRegularFile(absolute, format === 'pdf' || format === 'docx' ? MAX_PDF_BYTES : MAX_ARTICLE_BYTES, options);
  if ('reason' in bytes) return bytes;
  const contentHash = sha256Hex(bytes.content);
  if (format === 'pdf') {
    try {
      const pdf = await pdfText(bytes.content);
      return { source: relative, raw: pdf.text, format, contentHash, pdf };
    } catch (error) {
      return { reason: `not a PDF that can be read (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  if (format === 'docx') {
    try {
      return { source: relative, raw: await docxHtml(bytes.content), format, contentHash };
    } catch (error) {
      return { reason: `not a Word document that can be read (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  if (bytes.content.includes(0)) return { reason: 'binary data (NUL bytes), not text: save the article as UTF-8 text' };
  let raw: string;
  let encoding: 'windows-1252' | undefined;
  try {
    raw = decodeArticleBytes(bytes.content);
  } catch {
    // UTF-8 with a stray byte is not a legacy file: read as Windows-1252 its "été" would become "Ã©tÃ©".
    if (holdsUtf8Sequences(bytes.content)) return { reason: 'not valid UTF-8: it holds UTF-8 characters and a few bytes that are not (save the file as UTF-8)' };
    const legacy = decodeWindows1252(bytes.content);
    if (legacy === null) return { reason: 'neither valid UTF-8 nor Windows-1252 text (save the file as UTF-8)' };
    raw = legacy;
    encoding = 'windows-1252';
  }
  const controlShare = controlCharacterShare(raw);
  if (controlShare > MAX_CONTROL_SHARE) {
    return { reason: `binary data (${(controlShare * 100).toFixed(0)}% control characters), not text: save the article as UTF-8 text` };
  }
  return { source: relative, raw, format, contentHash, ...(encoding ? { encoding } : {}) };
}

/**
 * Windows-1252's characters for bytes 0x80–0x9F (the rest is Latin-1); null where it defines none.
 * Hand-written because Node's TextDecoder("windows-1252") decodes these bytes as Latin-1's C1 controls.
 */
const WINDOWS_1252_HIGH: readonly (number | null)[] = [
  0x20ac, null, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, null, 0x017d, null,
  null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, null, 0x017e, 0x0178,
];
const DECODE_CHUNK = 8192;

/** Whether the bytes hold well-formed UTF-8 sequences of two or more bytes ("é" as C3 A9): text written in UTF-8. */
function holdsUtf8Sequences(bytes: Uint8Array): boolean {
  for (let i = 0; i + 1 < bytes.length; i += 1) {
    const lead = bytes[i]!;
    const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) continue;
    let continued = true;
    for (let k = 1; k < length; k += 1) if ((bytes[i + k]! & 0xc0) !== 0x80) continued = false;
    if (continued) return true;
  }
  return false;
}

/**
 * A newsroom's archive from before UTF-8 (Latin-1, or Windows-1252 with its curly quotes and "œ"):
 * decoded when every byte means a character there, else null; offsets then index the decoded text.
 */
export function decodeWindows1252(bytes: Uint8Array): string | null {
  const codes = new Array<number>(bytes.length);
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    const code = byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : byte;
    if (code === null || code === undefined) return null;
    codes[i] = code;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += DECODE_CHUNK) text += String.fromCharCode(...codes.slice(i, i + DECODE_CHUNK));
  return text;
}

/** O_NOFOLLOW closes the race where the file is swapped for a symlink after the directory listing. */
async function readRegularFile(filePath: string, maxBytes: number, options: ReadCorpusOptions): Promise<{ content: Uint8Array } | { reason: string }> {
  let handle;
  try {
    handle = await open(filePath, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return { reason: 'symbolic link (not followed: only files inside the corpus are read)' };
    return { reason: `cannot be read (${code ?? 'unknown error'})` };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { reason: 'not a regular file' };
    // A hard link is the same file under another name, possibly outside the corpus (/etc/passwd): it is not read.
    if (stats.nlink > 1 && !options.allowHardLinks) {
      return { reason: 'hard link (the same file has another name, perhaps outside the corpus): copy the file instead, or set CORPUS_ALLOW_HARD_LINKS=true if every name is trusted' };
    }
    if (stats.size > maxBytes) return { reason: tooLargeReason(stats.size, maxBytes) };
    const content = await handle.readFile();
    if (content.byteLength > maxBytes) return { reason: tooLargeReason(content.byteLength, maxBytes) };
    return { content };
  } finally {
    await handle.close();
  }
}

/**
 * Text has almost no control characters but tabs and line breaks; a file whose characters are more
 * than this share of other C0/C1 controls (a binary file that happens to decode as UTF-8) is not an article.
 */
const MAX_CONTROL_SHARE = 0.05;

function controlCharacterShare(text: string): number {
  if (text.length === 0) return 0;
  const controls = text.match(/[\u0001-\u0008\u000B\u000E-\u001F\u007F-\u009F]/gu)?.length ?? 0;
  return controls / text.length;
}

function tooLargeReason(size: number, maxBytes: number): string {
  return `larger than ${maxBytes / 1024 / 1024} MB (${(size / 1024 / 1024).toFixed(1)} MB)`;
}
