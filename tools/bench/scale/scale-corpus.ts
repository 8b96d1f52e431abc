/**
 * A corpus of real French text big enough for scale runs (≥ 12,000 passages at the default
 * chunking), made from Debian's French documentation packages, since nothing in Debian is French
 * news and the project ships only five articles:
 *   - man pages (manpages-fr, manpages-fr-dev) rendered to text with groff (groff-base);
 *   - HTML guides and help pages (libreoffice-help-fr, debian-reference-fr, maint-guide-fr,
 *     developers-reference-fr, debian-faq-fr) turned into text by the project's own htmlToText.
 * Missing packages are installed with apt (the machines run as root). One `.txt` file per source
 * document, directly in one folder, under the reader's size limit, ASCII names, copied (never
 * linked), documents under MIN_DOCUMENT_CHARS left out, exact duplicates left out: the same files
 * on every run for the same package versions. Cached in the gitignored `.bench-corpus/`:
 *   .bench-corpus/full/                 the corpus
 *   .bench-corpus/full.json             its manifest (package versions, files with sizes and hashes)
 *   .bench-corpus/full.passages.json    passages per file, measured with the project's reader and chunker
 *   .bench-corpus/subsets/<target>/     the first files (in a fixed mixed order) giving ≥ target passages
 *   .bench-corpus/subsets/<target>.json what was measured on that subset
 * The files are derived from Debian packages under their own licences (GPL/LGPL/MPL/free
 * documentation licences, see /usr/share/doc/<package>/copyright): they are for local runs only
 * and are never committed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { chunkArticle } from '../../../src/chunking/chunk-article.js';
import type { ChunkingSettings } from '../../../src/chunking/passage.js';
import { htmlToText } from '../../../src/corpus/html-to-text.js';
import { MAX_ARTICLE_BYTES, readCorpus, type SkippedFile } from '../../../src/corpus/read-corpus.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const BENCH_CORPUS_ROOT = path.join(PROJECT_ROOT, '.bench-corpus');
/** Bumped whenever the way files are made changes: an older cache is rebuilt. */
export const SCALE_CORPUS_FORMAT = 1;
/** Documents shorter than this (characters of text) are left out: aliases, stubs, tables of contents. */
export const MIN_DOCUMENT_CHARS = 300;
/** The project's defaults (CHUNK_SIZE, CHUNK_OVERLAP in src/config.ts). */
export const DEFAULT_CHUNKING: ChunkingSettings = { chunkSize: 600, chunkOverlap: 120 };

type SourceKind = 'man' | 'html';

interface PackageSource {
  package: string;
  kind: SourceKind;
  /** Which of the package's files are documents. */
  select: (file: string) => boolean;
}

const MAN_PAGE = /^\/usr\/share\/man\/fr\/man[0-9][^/]*\/[^/]+\.gz$/u;
const HTML_PAGE = /\.html?(\.gz)?$/u;

/** The packages the corpus is made of, in this order. Every one is required, so every machine gets the same corpus. */
export const SCALE_SOURCES: readonly PackageSource[] = [
  { package: 'manpages-fr', kind: 'man', select: (f) => MAN_PAGE.test(f) },
  { package: 'manpages-fr-dev', kind: 'man', select: (f) => MAN_PAGE.test(f) },
  { package: 'libreoffice-help-fr', kind: 'html', select: (f) => f.startsWith('/usr/share/libreoffice/help/fr/text/') && HTML_PAGE.test(f) },
  { package: 'debian-reference-fr', kind: 'html', select: (f) => /\.fr\.html$/u.test(f) },
  { package: 'maint-guide-fr', kind: 'html', select: (f) => /\.fr\.html$/u.test(f) },
  // developers-reference.html is the whole book on one page (a copy of the chapters); search.html is Sphinx's search form.
  {
    package: 'developers-reference-fr',
    kind: 'html',
    select: (f) => HTML_PAGE.test(f) && !/\/(developers-reference|search)\.html$/u.test(f),
  },
  { package: 'debian-faq-fr', kind: 'html', select: (f) => HTML_PAGE.test(f) },
];
/** groff, preconv and grotty render the man pages. */
const TOOL_PACKAGES = ['groff-base'];

export interface ScaleCorpus {
  dir: string;
  files: number;
  bytes: number;
  /** Where the text comes from: the packages and their versions. */
  source: string;
}

export interface ScaleCorpusOptions {
  log?: (line: string) => void;
  /** Default `.bench-corpus/` of the project. */
  root?: string;
  /** Rebuild even when a valid cached corpus is there. */
  force?: boolean;
}

interface ManifestFile {
  name: string;
  bytes: number;
  sha256: string;
  /** The package file it was made from. */
  from: string;
}

interface CorpusManifest {
  format: number;
  packages: Record<string, string>;
  files: ManifestFile[];
  bytes: number;
  /** sha256 over the files' names and hashes: what subsets and measurements are tied to. */
  corpusId: string;
  left: { tooShort: number; duplicates: number; tooLarge: number; failed: number };
  buildMs: number;
}

/** Builds the corpus once (installing the packages with apt when missing) and returns the cached one afterwards. */
export async function ensureScaleCorpus(options: ScaleCorpusOptions = {}): Promise<ScaleCorpus> {
  const log = options.log ?? (() => {});
  const root = options.root ?? BENCH_CORPUS_ROOT;
  const dir = path.join(root, 'full');
  const manifestPath = path.join(root, 'full.json');
  if (!options.force) {
    const cached = await readJson<CorpusManifest>(manifestPath);
    if (cached && cached.format === SCALE_CORPUS_FORMAT && (await folderMatches(dir, cached.files))) {
      log(`scale corpus: cached in ${dir} (${cached.files.length} files, ${megabytes(cached.bytes)} MB)`);
      return summary(dir, cached);
    }
  }
  const started = performance.now();
  await ensurePackages([...TOOL_PACKAGES, ...SCALE_SOURCES.map((s) => s.package)], log);
  const packages: Record<string, string> = {};
  for (const source of SCALE_SOURCES) packages[source.package] = installedVersion(source.package) ?? 'unknown';

  const documents = await collectDocuments(log);
  const tmp = path.join(root, `full.tmp-${process.pid}`);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const files: ManifestFile[] = [];
  const seen = new Set<string>();
  const left = { tooShort: 0, duplicates: 0, tooLarge: 0, failed: 0 };
  let done = 0;
  await forEachLimited(documents, 2, async (doc) => {
    const text = await documentText(doc);
    done += 1;
    if (done % 500 === 0) log(`scale corpus: converted ${done}/${documents.length} documents`);
    if (text === null) {
      left.failed += 1;
      log(`scale corpus: ${doc.file} left out: groff could not render it`);
      return;
    }
    if (text.trim().length < MIN_DOCUMENT_CHARS) {
      left.tooShort += 1;
      return;
    }
    const content = Buffer.from(text, 'utf8');
    if (content.byteLength > MAX_ARTICLE_BYTES) {
      left.tooLarge += 1;
      log(`scale corpus: ${doc.file} left out: ${content.byteLength} bytes is over the reader's limit`);
      return;
    }
    files.push({ name: doc.name, bytes: content.byteLength, sha256: sha256(content), from: doc.file });
    await writeFile(path.join(tmp, doc.name), content);
  });
  // Exact duplicates (the same page shipped twice) are left out, keeping the first name in sorted order.
  files.sort((a, b) => compare(a.name, b.name));
  const kept: ManifestFile[] = [];
  for (const file of files) {
    if (seen.has(file.sha256)) {
      left.duplicates += 1;
      await rm(path.join(tmp, file.name));
    } else {
      seen.add(file.sha256);
      kept.push(file);
    }
  }
  const bytes = kept.reduce((sum, f) => sum + f.bytes, 0);
  const manifest: CorpusManifest = {
    format: SCALE_CORPUS_FORMAT,
    packages,
    files: kept,
    bytes,
    corpusId: sha256(kept.map((f) => `${f.name}\t${f.sha256}\n`).join('')),
    left,
    buildMs: Math.round(performance.now() - started),
  };
  await rm(manifestPath, { force: true });
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
  await writeJson(manifestPath, manifest);
  log(
    `scale corpus: ${kept.length} files, ${megabytes(bytes)} MB in ${dir} (left out: ${left.tooShort} under ${MIN_DOCUMENT_CHARS} characters, ` +
      `${left.duplicates} duplicates, ${left.tooLarge} too large, ${left.failed} not rendered) in ${(manifest.buildMs / 1000).toFixed(1)} s`,
  );
  return summary(dir, manifest);
}

export interface PassageCount {
  passages: number;
  articles: number;
  skipped: SkippedFile[];
  /** Passages of each file, by file name. */
  perFile: Record<string, number>;
  ms: number;
}

/** Reads `dir` with the project's corpus reader and chunks every article with its chunker. */
export async function measurePassages(dir: string, chunking: ChunkingSettings = DEFAULT_CHUNKING): Promise<PassageCount> {
  const started = performance.now();
  const { articles, skipped } = await readCorpus(dir);
  const perFile: Record<string, number> = {};
  let passages = 0;
  for (const article of articles) {
    const count = chunkArticle(article, chunking).length;
    perFile[article.source] = count;
    passages += count;
  }
  return { passages, articles: articles.length, skipped, perFile, ms: Math.round(performance.now() - started) };
}

interface MeasurementCache extends PassageCount {
  corpusId: string;
  chunking: ChunkingSettings;
}

/**
 * The whole corpus measured with the project's reader and chunker, cached per corpus and chunking
 * settings in `.bench-corpus/full.passages.json` (`remeasure` when the reader or chunker changed).
 */
export async function measureScaleCorpus(
  options: { root?: string; chunking?: ChunkingSettings; remeasure?: boolean; log?: (line: string) => void } = {},
): Promise<PassageCount & { cached: boolean }> {
  const root = options.root ?? BENCH_CORPUS_ROOT;
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const manifest = await requireManifest(root);
  const cachePath = path.join(root, 'full.passages.json');
  const cached = options.remeasure ? null : await readJson<MeasurementCache>(cachePath);
  if (cached && cached.corpusId === manifest.corpusId && sameChunking(cached.chunking, chunking)) {
    const { corpusId: _id, chunking: _c, ...count } = cached;
    return { ...count, cached: true };
  }
  options.log?.(`scale corpus: measuring passages of ${manifest.files.length} files with the project's reader and chunker…`);
  const count = await measurePassages(path.join(root, 'full'), chunking);
  await writeJson(cachePath, { corpusId: manifest.corpusId, chunking, ...count } satisfies MeasurementCache);
  return { ...count, cached: false };
}

export interface ScaleSubset {
  target: number;
  dir: string;
  files: number;
  bytes: number;
  /** Measured on the subset folder itself with the project's reader and chunker. */
  passages: number;
  cached: boolean;
}

interface SubsetManifest {
  corpusId: string;
  chunking: ChunkingSettings;
  target: number;
  files: ManifestFile[];
  bytes: number;
  passages: number;
}

/**
 * For each target, `.bench-corpus/subsets/<target>/`: copies of the first files of the corpus, in
 * subsetOrder, until the subset (read and chunked on its own, so the corpus-wide furniture rules
 * see only its files) has at least `target` passages. Subsets are nested: a smaller one's files
 * are the start of a larger one's.
 */
export async function scaleSubsets(
  dir: string,
  targets: readonly number[],
  options: { chunking?: ChunkingSettings; log?: (line: string) => void; remeasure?: boolean } = {},
): Promise<ScaleSubset[]> {
  const log = options.log ?? (() => {});
  const chunking = options.chunking ?? DEFAULT_CHUNKING;
  const root = path.dirname(dir);
  const manifest = await requireManifest(root);
  if (path.resolve(dir) !== path.resolve(root, 'full')) throw new Error(`scaleSubsets: ${dir} is not a scale corpus made by ensureScaleCorpus (expected ${path.join(root, 'full')})`);
  const order = subsetOrder(manifest.files);
  let whole: PassageCount | null = null;
  const results: ScaleSubset[] = [];
  for (const target of [...targets].sort((a, b) => a - b)) {
    if (!Number.isInteger(target) || target <= 0) throw new Error(`scaleSubsets: a target must be a positive whole number of passages (got ${target})`);
    const subsetDir = path.join(root, 'subsets', String(target));
    const manifestPath = path.join(root, 'subsets', `${target}.json`);
    const cached = options.remeasure ? null : await readJson<SubsetManifest>(manifestPath);
    if (cached && cached.corpusId === manifest.corpusId && sameChunking(cached.chunking, chunking) && (await folderMatches(subsetDir, cached.files))) {
      results.push({ target, dir: subsetDir, files: cached.files.length, bytes: cached.bytes, passages: cached.passages, cached: true });
      continue;
    }
    whole ??= await measureScaleCorpus({ root, chunking, log, remeasure: options.remeasure ?? false });
    if (whole.passages < target) throw new Error(`scaleSubsets: the corpus has ${whole.passages} passages, fewer than the target ${target}`);
    const perFile = whole.perFile;
    // Estimate from the whole corpus's counts, then measure the subset itself and add files until it reaches the target.
    let count = 0;
    let estimated = 0;
    while (count < order.length && estimated < target) {
      estimated += perFile[order[count]!.name] ?? 0;
      count += 1;
    }
    const tmp = path.join(root, 'subsets', `${target}.tmp-${process.pid}`);
    await rm(tmp, { recursive: true, force: true });
    await mkdir(tmp, { recursive: true });
    let copied = 0;
    let measured: PassageCount;
    for (;;) {
      for (; copied < count; copied += 1) await copyFile(path.join(dir, order[copied]!.name), path.join(tmp, order[copied]!.name));
      measured = await measurePassages(tmp, chunking);
      if (measured.passages >= target || count >= order.length) break;
      const perFileAverage = Math.max(1, measured.passages / count);
      count = Math.min(order.length, count + Math.max(1, Math.ceil((target - measured.passages) / perFileAverage)));
    }
    if (measured.passages < target) throw new Error(`scaleSubsets: all ${order.length} files give ${measured.passages} passages, fewer than the target ${target}`);
    const files = order.slice(0, count);
    const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
    await rm(manifestPath, { force: true });
    await rm(subsetDir, { recursive: true, force: true });
    await rename(tmp, subsetDir);
    await writeJson(manifestPath, { corpusId: manifest.corpusId, chunking, target, files, bytes, passages: measured.passages } satisfies SubsetManifest);
    log(`scale corpus: subset ${target}: ${files.length} files, ${measured.passages} passages (estimated ${estimated}) in ${subsetDir}`);
    results.push({ target, dir: subsetDir, files: files.length, bytes, passages: measured.passages, cached: false });
  }
  return results;
}

/**
 * The order subsets take files in: by the sha256 of the file name, a fixed order that mixes the
 * sources (name order would fill a small subset with one package's documents).
 */
export function subsetOrder<T extends { name: string }>(files: readonly T[]): T[] {
  return files
    .map((file) => ({ file, key: sha256(Buffer.from(file.name, 'utf8')) }))
    .sort((a, b) => compare(a.key, b.key) || compare(a.file.name, b.file.name))
    .map(({ file }) => file);
}

// ——— packages ———

function installedVersion(pkg: string): string | null {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}\t${Version}', pkg], { encoding: 'utf8' });
  if (result.error) throw new Error(`dpkg-query cannot be run (${result.error.message}): the scale corpus is made from Debian packages and needs a Debian-based system with apt`);
  if (result.status !== 0) return null;
  const [status, version] = result.stdout.split('\t');
  return status === 'install ok installed' && version ? version : null;
}

/** Installs the packages that are missing with apt-get (running apt-get update once when a package is not found). */
export async function ensurePackages(packages: readonly string[], log: (line: string) => void): Promise<void> {
  const missing = packages.filter((pkg) => installedVersion(pkg) === null);
  if (missing.length === 0) return;
  const command = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  const shown = command.join(' ');
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`the scale corpus needs the Debian packages ${missing.join(', ')}: install them as root with \`${shown}\` and run again`);
  }
  log(`scale corpus: installing ${missing.join(', ')} with \`${shown}\``);
  let outcome = await run(command, log);
  if (outcome.code !== 0) {
    log(`scale corpus: \`${shown}\` failed (exit ${outcome.code}); running \`apt-get update\` and trying once more`);
    await run(['apt-get', 'update'], log);
    outcome = await run(command, log);
  }
  const still = missing.filter((pkg) => installedVersion(pkg) === null);
  if (outcome.code !== 0 || still.length > 0) {
    throw new Error(
      `could not install the Debian packages the scale corpus is made from: \`${shown}\` failed (exit ${outcome.code}; ` +
        `still missing: ${still.join(', ') || 'none'}). Last lines: ${outcome.tail.join(' | ')}`,
    );
  }
  log(`scale corpus: installed ${missing.join(', ')}`);
}

function run(command: readonly string[], log: (line: string) => void): Promise<{ code: number; tail: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    let pending = '';
    const onData = (chunk: Buffer): void => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const text = line.trim();
        if (text === '') continue;
        tail.push(text);
        if (tail.length > 5) tail.shift();
        if (/^(Get:|Setting up|Unpacking|E:|W:|Err:)/u.test(text)) log(`  apt: ${text}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (error) => resolve({ code: -1, tail: [...tail, error.message] }));
    child.on('close', (code) => resolve({ code: code ?? -1, tail }));
  });
}

// ——— documents ———

interface SourceDocument {
  /** The package file. */
  file: string;
  kind: SourceKind;
  /** The corpus file name. */
  name: string;
}

async function collectDocuments(log: (line: string) => void): Promise<SourceDocument[]> {
  const list: SourceDocument[] = [];
  const names = new Set<string>();
  for (const source of SCALE_SOURCES) {
    const listed = spawnSync('dpkg-query', ['-L', source.package], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (listed.status !== 0) throw new Error(`\`dpkg-query -L ${source.package}\` failed: ${listed.stderr.trim()}`);
    const candidates = listed.stdout.split('\n').filter((f) => f !== '' && source.select(f)).sort(compare);
    // Symbolic links are other names of a page already taken (man page aliases): left out.
    const files: string[] = [];
    for (const file of candidates) {
      const info = await lstat(file).catch(() => null);
      if (info?.isFile()) files.push(file);
    }
    const base = commonDirectory(files);
    for (const file of files) {
      const name = uniqueName(corpusFileName(source.package, path.relative(base, file)), names);
      names.add(name);
      list.push({ file, kind: source.kind, name });
    }
    log(`scale corpus: ${source.package}: ${files.length} documents`);
  }
  return list;
}

/** `manpages-fr`, `man1/at.1.gz` → `manpages-fr.man1.at.1.txt`; only `[a-z0-9._-]`. */
export function corpusFileName(pkg: string, relative: string): string {
  const stem = relative.replace(/\.gz$/u, '').replace(/\.html?$/u, '');
  const safe = `${pkg}.${stem}`
    .toLowerCase()
    .replace(/[\\/]+/gu, '.')
    .replace(/[^a-z0-9._-]+/gu, '_')
    .replace(/\.{2,}/gu, '.');
  return `${safe}.txt`;
}

function uniqueName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  const stem = name.slice(0, -'.txt'.length);
  for (let n = 2; ; n += 1) if (!taken.has(`${stem}-${n}.txt`)) return `${stem}-${n}.txt`;
}

function commonDirectory(files: readonly string[]): string {
  if (files.length === 0) return '/';
  let parts = path.dirname(files[0]!).split('/');
  for (const file of files) {
    const other = path.dirname(file).split('/');
    let i = 0;
    while (i < parts.length && i < other.length && parts[i] === other[i]) i += 1;
    parts = parts.slice(0, i);
  }
  return parts.join('/') || '/';
}

async function documentText(doc: SourceDocument): Promise<string | null> {
  let raw = await readFile(doc.file);
  if (doc.file.endsWith('.gz')) raw = gunzipSync(raw);
  if (doc.kind === 'html') return normaliseText(htmlToText(raw.toString('utf8')).text);
  const source = raw.toString('utf8');
  // A page that only includes another (".so man3/foo.3") is an alias of that one.
  if (/^\s*\.so\s+\S+\s*$/u.test(source.replace(/^\.\\".*$/gmu, ''))) return '';
  const rendered = await renderManPage(raw);
  return rendered === null ? null : normaliseText(rendered);
}

/** groff (-k: preconv reads the UTF-8 source; -rHY=0: no hyphenation; -P-cbou: no escapes, no overstrike). */
function renderManPage(source: Buffer): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn('groff', ['-k', '-Tutf8', '-mandoc', '-rHY=0', '-P-cbou'], {
      env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.on('error', () => resolve(null));
    child.on('close', (code) => resolve(code === 0 ? Buffer.concat(out).toString('utf8') : null));
    child.stdin.on('error', () => {});
    child.stdin.end(source);
  });
}

/** No overstrike or control characters, no trailing spaces, at most one blank line in a row. */
export function normaliseText(text: string): string {
  const cleaned = text
    .replace(/\r\n?/gu, '\n')
    .replace(/[^\n]\u0008/gu, '')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFEFF]/gu, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
  return cleaned === '' ? '' : `${cleaned}\n`;
}

// ——— helpers ———

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** The folder holds exactly these files, with these sizes, each with one name (copies, not links). */
async function folderMatches(dir: string, files: readonly ManifestFile[]): Promise<boolean> {
  const entries = await readdir(dir).catch(() => null);
  if (!entries || entries.length !== files.length) return false;
  const present = new Set(entries);
  for (const file of files) {
    if (!present.has(file.name)) return false;
    const info = await stat(path.join(dir, file.name)).catch(() => null);
    if (!info || !info.isFile() || info.size !== file.bytes || info.nlink !== 1) return false;
  }
  return true;
}

async function requireManifest(root: string): Promise<CorpusManifest> {
  const manifest = await readJson<CorpusManifest>(path.join(root, 'full.json'));
  if (!manifest || manifest.format !== SCALE_CORPUS_FORMAT) throw new Error(`no scale corpus in ${root}: call ensureScaleCorpus() first`);
  return manifest;
}

function summary(dir: string, manifest: CorpusManifest): ScaleCorpus {
  const source = `Debian packages ${Object.entries(manifest.packages).map(([pkg, version]) => `${pkg} ${version}`).join(', ')}`;
  return { dir, files: manifest.files.length, bytes: manifest.bytes, source };
}

function sameChunking(a: ChunkingSettings, b: ChunkingSettings): boolean {
  return a.chunkSize === b.chunkSize && a.chunkOverlap === b.chunkOverlap;
}

async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch {
    return null;
  }
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, `${JSON.stringify(value, null, 1)}\n`);
  await rename(tmp, file);
}

function sha256(content: Uint8Array | string): string {
  return createHash('sha256').update(content).digest('hex');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(2);
}
