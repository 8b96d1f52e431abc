import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkArticle, FrenchSentenceTextSplitter, type Passage } from '../src/chunking/index.js';
import type { Article, TextBlock } from '../src/corpus/article.js';
import { parseArticle } from '../src/corpus/index.js';

const CORPUS = fileURLToPath(new URL('../corpus/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/corpus/', import.meta.url));
const SETTINGS = { chunkSize: 600, chunkOverlap: 120 };

/** A txt article whose single block is the file's content, from its first to its last non-blank character. */
function txtArticle(source: string): { raw: string; article: Article } {
  const raw = readFileSync(join(CORPUS, source), 'utf8');
  const start = raw.length - raw.trimStart().length;
  const end = raw.trimEnd().length;
  const block: TextBlock = { text: raw.slice(start, end), start, end };
  return { raw, article: { source, format: 'txt', title: 'Titre', date: '2024-10-09', author: null, outlet: null, url: null, blocks: [block], contentHash: 'x' } };
}

describe('chunkArticle', () => {
  it('gives passages whose offsets point at their exact text in the raw file', () => {
    for (const source of readdirSync(CORPUS)) {
      const { raw, article } = txtArticle(source);
      const passages = chunkArticle(article, SETTINGS);
      expect(passages.length).toBeGreaterThan(3);
      for (const p of passages) {
        expect(raw.slice(p.start, p.end)).toBe(p.text);
        expect(p.text).toBe(p.text.trim());
        expect(p.text.length).toBeGreaterThan(0);
        expect(p.text.length).toBeLessThanOrEqual(SETTINGS.chunkSize);
      }
    }
  });

  it('numbers passages, fills metadata, overlaps consecutive passages and covers the block', () => {
    const { raw, article } = txtArticle('001_2f24b03e2d55c6bf.txt');
    const passages = chunkArticle(article, SETTINGS);
    passages.forEach((p, i) => {
      expect(p.position).toBe(i);
      expect(p.id).toBe(`001_2f24b03e2d55c6bf.txt#${i}`);
      expect(p).toMatchObject({ source: article.source, title: 'Titre', date: '2024-10-09', author: null });
    });
    for (let i = 1; i < passages.length; i++) {
      const previous = passages[i - 1]!;
      const current = passages[i]!;
      expect(current.start).toBeGreaterThan(previous.start);
      expect(current.start).toBeLessThan(previous.end);
      expect(current.end).toBeGreaterThan(previous.end);
    }
    expect(passages[0]!.start).toBe(0);
    expect(passages.at(-1)!.end).toBe(raw.trimEnd().length);
    const lavet = passages.filter((p) => p.text.includes('Julie Lavet a été recrutée'));
    expect(lavet.length).toBeGreaterThan(0);
    expect(lavet[0]!.text).toContain('auprès des régulateurs.');
  });

  it('never lets a passage span two blocks and keeps numbering across blocks', () => {
    const { raw } = txtArticle('000_71dcd0df67353d15.txt');
    const paragraphs = [...raw.matchAll(/[^\n]+(?:\n[^\n]+)*/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
    const article: Article = { source: 'a.txt', format: 'txt', title: null, date: null, author: null, outlet: null, url: null, blocks: paragraphs, contentHash: 'x' };
    const passages = chunkArticle(article, SETTINGS);
    expect(passages.map((p) => p.position)).toEqual(passages.map((_, i) => i));
    for (const p of passages) {
      expect(paragraphs.some((b) => b.start <= p.start && p.end <= b.end)).toBe(true);
      expect(raw.slice(p.start, p.end)).toBe(p.text);
    }
    expect(passages.length).toBeGreaterThanOrEqual(paragraphs.length);
  });

  it('maps html block offsets back to the raw file', () => {
    const raw = '<html><body><h1>Titre</h1><p>M. Dupont est arriv&eacute;. Il parle.</p><p>OpenAI <b>recrute</b> &agrave; Paris.</p></body></html>';
    const blocks = ['M. Dupont est arriv&eacute;. Il parle.', 'OpenAI <b>recrute</b> &agrave; Paris.'].map((html) => htmlBlock(raw, html));
    const article: Article = { source: 'a.html', format: 'html', title: 'Titre', date: null, author: null, outlet: null, url: null, blocks, contentHash: 'x' };
    const passages = chunkArticle(article, { chunkSize: 30, chunkOverlap: 0 });
    expect(passages.map((p) => p.text)).toEqual(['M. Dupont est arrivé.', 'Il parle.', 'OpenAI recrute à Paris.']);
    expect(passages.map((p) => raw.slice(p.start, p.end))).toEqual([
      'M. Dupont est arriv&eacute;.',
      'Il parle.',
      'OpenAI <b>recrute</b> &agrave; Paris.',
    ]);
    expect(passages.map((p) => p.position)).toEqual([0, 1, 2]);
  });

  it('refuses an html block without offsets', () => {
    const article: Article = { source: 'a.html', format: 'html', title: null, date: null, author: null, outlet: null, url: null, blocks: [{ text: 'Bonjour.', start: 3, end: 11 }], contentHash: 'x' };
    expect(() => chunkArticle(article, SETTINGS)).toThrow(/offsets/);
    const withoutEnds: TextBlock = { text: 'Bonjour.', start: 3, end: 11, offsets: [3, 4, 5, 6, 7, 8, 9, 10] };
    expect(() => chunkArticle({ ...article, blocks: [withoutEnds] }, SETTINGS)).toThrow(/ends/);
  });

  it('ends an html passage after the whole source of its last character, a trailing entity included', () => {
    const raw =
      '<html><body><h1>Le titre</h1><p>Il faut recruter &amp; calculer&hellip; Puis vendre &agrave; Paris&nbsp;!</p>' +
      '<p>Fin de l&rsquo;article&#8230;</p></body></html>';
    const article = parseArticle('a.html', raw, 'html');
    const passages = chunkArticle(article, { chunkSize: 30, chunkOverlap: 0 });
    // The heading is the passages' section, never a passage of its own.
    expect(passages.map((p) => p.text)).toEqual(['Il faut recruter & calculer…', 'Puis vendre à Paris\u00a0!', 'Fin de l’article…']);
    expect(passages.map((p) => p.section)).toEqual(['Le titre', 'Le titre', 'Le titre']);
    expect(passages.map((p) => raw.slice(p.start, p.end))).toEqual([
      'Il faut recruter &amp; calculer&hellip;',
      'Puis vendre &agrave; Paris&nbsp;!',
      'Fin de l&rsquo;article&#8230;',
    ]);
    expectHtmlPassageSpans(article, passages);
    const fixture = readFileSync(join(FIXTURES, 'mistral-levee.html'), 'utf8');
    const mistral = parseArticle('mistral-levee.html', fixture, 'html');
    expectHtmlPassageSpans(mistral, chunkArticle(mistral, { chunkSize: 60, chunkOverlap: 20 }));
  });
});

describe('FrenchSentenceTextSplitter', () => {
  it('cuts a sentence longer than chunkSize at spaces, never mid-word', () => {
    const words = Array.from({ length: 120 }, (_, i) => `mot${i}`);
    const text = `${words.join(' ')}. Fin.`;
    const chunks = new FrenchSentenceTextSplitter({ chunkSize: 100, chunkOverlap: 20 }).splitTextWithOffsets(text);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text.length).toBeLessThanOrEqual(100);
      expect(chunk.start === 0 || text[chunk.start - 1] === ' ').toBe(true);
      expect(chunk.end === text.length || text[chunk.end] === ' ').toBe(true);
    }
    expect(chunks.map((c) => c.text).join(' ')).toBe(text);
  });

  it('starts a chunk at a paragraph within reach rather than mid-paragraph', () => {
    const a = ['Alpha un deux trois quatre cinq six sept huit.', 'Alpha neuf dix onze douze treize quatorze fin.', 'Alpha quinze seize dix-sept dix-huit et voila.'];
    const b = ['Beta un deux trois quatre cinq six sept huit.', 'Beta neuf dix onze douze treize quatorze fin.', 'Beta quinze seize dix-sept dix-huit et voila.'];
    const text = `${a.join(' ')}\n\n${b.join(' ')}`;
    const chunks = new FrenchSentenceTextSplitter({ chunkSize: 200, chunkOverlap: 80 }).splitTextWithOffsets(text);
    expect(chunks[0]!.text).toBe(`${a.join(' ')}\n\n${b[0]}`);
    // The sentence closest to 80 characters of overlap is a[2] (92 characters), but b[0] starts a paragraph.
    expect(chunks[1]!.text.startsWith(b[0]!)).toBe(true);
  });

  it('cuts a word longer than chunkSize (a pasted URL or base64) hard at chunkSize, with exact offsets', () => {
    const url = `https://exemple.fr/${'aZ09_-'.repeat(3400)}`;
    const text = `Voir le lien ${url} pour les détails. Fin.`;
    const chunks = new FrenchSentenceTextSplitter({ chunkSize: 100, chunkOverlap: 20 }).splitTextWithOffsets(text);
    expect(chunks.length).toBeGreaterThan(url.length / 100);
    const covered = new Array<boolean>(text.length).fill(false);
    for (const chunk of chunks) {
      expect(text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect(chunk.text.length).toBeGreaterThan(0);
      expect(chunk.text.length).toBeLessThanOrEqual(100);
      expect(chunk.text).toBe(chunk.text.trim());
      covered.fill(true, chunk.start, chunk.end);
    }
    expect([...text].every((char, i) => covered[i] || char === ' ')).toBe(true);
    expect(chunks[0]!.text).toBe('Voir le lien');
    expect(chunks.at(-1)!.text.endsWith('pour les détails. Fin.')).toBe(true);

    // Never between the two halves of a surrogate pair.
    const emoji = '😀'.repeat(500);
    for (const chunk of new FrenchSentenceTextSplitter({ chunkSize: 101, chunkOverlap: 0 }).splitTextWithOffsets(emoji)) {
      expect(chunk.text.length).toBeGreaterThan(0);
      expect(chunk.text.length).toBeLessThanOrEqual(101);
      expect(chunk.text).toMatch(/^(?:😀)+$/u);
    }

    const { raw, article } = txtArticle('000_71dcd0df67353d15.txt');
    const base64 = 'QUJD'.repeat(5000);
    const block: TextBlock = { text: `Une image : ${base64}`, start: raw.length + 1, end: raw.length + 13 + base64.length };
    const withBlob = `${raw}\n${block.text}`;
    const passages = chunkArticle({ ...article, blocks: [...article.blocks, block] }, SETTINGS);
    for (const p of passages) {
      expect(withBlob.slice(p.start, p.end)).toBe(p.text);
      expect(p.text.length).toBeGreaterThan(0);
      expect(p.text.length).toBeLessThanOrEqual(SETTINGS.chunkSize);
    }
  });

  it('works as a LangChain text splitter', async () => {
    const { article } = txtArticle('002_300cf649b219ff1f.txt');
    const text = article.blocks[0]!.text;
    const splitter = new FrenchSentenceTextSplitter(SETTINGS);
    expect(await splitter.splitText(text)).toEqual(splitter.splitTextWithOffsets(text).map((c) => c.text));
    const docs = await splitter.createDocuments([text], [{ source: article.source }]);
    expect(docs.length).toBeGreaterThan(3);
    expect(docs[0]!.metadata['source']).toBe(article.source);
    expect(splitter.splitTextWithOffsets('   \n\n  ')).toEqual([]);
    expect(() => new FrenchSentenceTextSplitter({ chunkSize: 100, chunkOverlap: 100 })).toThrow();
  });
});

/** Strips tags and decodes the two entities used above, keeping the raw start and end of every character. */
function htmlBlock(raw: string, html: string): TextBlock {
  const base = raw.indexOf(html);
  let text = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  for (let i = 0; i < html.length; ) {
    if (html[i] === '<') {
      i = html.indexOf('>', i) + 1;
    } else if (html.startsWith('&eacute;', i) || html.startsWith('&agrave;', i)) {
      text += html.startsWith('&eacute;', i) ? 'é' : 'à';
      offsets.push(base + i);
      ends.push(base + i + 8);
      i += 8;
    } else {
      text += html[i];
      offsets.push(base + i);
      ends.push(base + i + 1);
      i++;
    }
  }
  return { text, start: base, end: base + html.length, offsets, ends };
}

/** Each html passage's raw span starts at the source of its first character and ends just after the source of its last. */
function expectHtmlPassageSpans(article: Article, passages: readonly Passage[]): void {
  expect(passages.length).toBeGreaterThan(0);
  for (const p of passages) {
    const located = article.blocks.flatMap((block) => {
      const at = (block.offsets ?? []).findIndex((offset, i) => offset === p.start && block.text.startsWith(p.text, i));
      return at === -1 ? [] : [{ block, at }];
    });
    expect(located, p.text).toHaveLength(1);
    const { block, at } = located[0]!;
    expect(p.start).toBe(block.offsets?.[at]);
    expect(p.end, p.text).toBe(block.ends?.[at + p.text.length - 1]);
  }
}
