import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkArticle } from '../src/chunking/index.js';
import { readCorpus } from '../src/corpus/index.js';
import { pdfText } from '../src/corpus/pdf-text.js';
import { addArticleFromUrl } from '../src/ingest/add-url.js';
import { send, startLoopbackSite, type LoopbackSite } from './helpers/loopback-site.js';
import { makePdf } from './helpers/make-pdf.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

const PRESS_RELEASE = makePdf(
  [
    [
      'Communiqué de presse',
      '',
      'La société Ferroviaire de l’Ouest annonce l’achat de douze rames régionales',
      'pour un montant de 180 millions d’euros, livrées entre 2026 et 2028.',
      '',
      'Les premières rames circuleront sur la ligne Rennes – Saint-Malo dès l’été 2026.',
    ],
    ['Le financement est assuré à 60 % par la région et à 40 % par l’État.', '', 'Contact presse : Anne Le Roux'],
  ],
  { title: 'Douze rames pour la Bretagne', author: 'Service de presse' },
);

describe('PDF articles: press releases and reports, cited with their page', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'pdf-test-'));
    await writeFile(path.join(dir, 'communique-rames.pdf'), PRESS_RELEASE);
    await writeFile(path.join(dir, 'abime.pdf'), PRESS_RELEASE.subarray(0, 200));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the text, title and author of a PDF, and gives each passage its page; offsets index the extracted text', async () => {
    const { articles, skipped } = await readCorpus(dir);
    expect(skipped).toEqual([{ source: 'abime.pdf', reason: expect.stringMatching(/^not a PDF that can be read/u) }]);
    const [article] = articles;
    expect(article).toMatchObject({ source: 'communique-rames.pdf', format: 'pdf', title: 'Douze rames pour la Bretagne', author: 'Service de presse' });
    const extracted = (await pdfText(PRESS_RELEASE)).text;
    const passages = chunkArticle(article!, { chunkSize: 200, chunkOverlap: 0 });
    for (const passage of passages) expect(passage.text).toBe(extracted.slice(passage.start, passage.end));
    const amount = passages.find((passage) => passage.text.includes('180 millions d’euros'));
    expect(amount?.page).toBe(1);
    expect(passages.find((passage) => passage.text.includes('60 % par la région'))?.page).toBe(2);
    // Lines of one paragraph are read together; the blank gap between paragraphs is kept.
    expect(extracted).toContain('régionales\npour un montant de 180 millions d’euros');
    expect(extracted).toMatch(/2028\.\n\nLes premières rames/u);
  });

  describe('added from a URL and searched', () => {
    let site: LoopbackSite;
    let app: RunningApp;
    beforeAll(async () => {
      site = await startLoopbackSite({ '/presse/rames.pdf': send('application/pdf', PRESS_RELEASE) });
      app = await startTestApp();
    });
    afterAll(async () => {
      await site.close();
      await app.stop();
    });

    it('stores the PDF in the corpus, and /search cites the page', async () => {
      const stored = await addArticleFromUrl(`${site.url}/presse/rames.pdf`, app.workspace.corpusDir, { maxBytes: 1_000_000, timeoutMs: 2_000, maxRedirects: 2, allowPrivateAddresses: true });
      expect(stored.source).toMatch(/^127-0-0-1-presse-rames-[0-9a-f]{8}\.pdf$/u);
      const { refreshIndex } = await import('../src/engine.js');
      await refreshIndex(app.engine);
      const { body } = await postJson(`${app.url}/search`, { query: 'financement région État rames', k: 3 });
      expect(body.results[0]).toMatchObject({ source: stored.source, page: 2, title: 'Douze rames pour la Bretagne' });
      expect(body.results[0].excerpt).toContain('60 % par la région');
    });
  });
});

describe('Word documents (.docx)', () => {
  it('reads paragraphs and headings with mammoth; each passage has its section, and offsets index the HTML made of it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'docx-test-'));
    try {
      const { copyFile } = await import('node:fs/promises');
      await copyFile(path.resolve(import.meta.dirname, 'fixtures/pages/rapport-regie.docx'), path.join(dir, 'rapport-regie.docx'));
      await writeFile(path.join(dir, 'faux.docx'), 'pas un document Word');
      const { articles, skipped } = await readCorpus(dir);
      expect(skipped).toEqual([{ source: 'faux.docx', reason: expect.stringMatching(/^not a Word document that can be read/u) }]);
      const [report] = articles;
      expect(report).toMatchObject({ source: 'rapport-regie.docx', format: 'docx', title: 'Rapport annuel 2024 de la Régie des eaux' });
      const passages = chunkArticle(report!, { chunkSize: 600, chunkOverlap: 0 });
      expect(passages.map((passage) => passage.section)).toEqual([null, 'Synthèse', 'Tarifs']);
      expect(passages[1]?.text).toContain('6,2 millions de mètres cubes en 2024');
      expect(passages[2]?.text).toBe('Le prix du mètre cube passe à 4,12 euros au 1er janvier 2025, abonnement compris.');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
