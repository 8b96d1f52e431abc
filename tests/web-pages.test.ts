import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunkArticle } from '../src/chunking/index.js';
import { htmlToText, parseArticle, type Article } from '../src/corpus/index.js';

const PAGES = path.resolve(import.meta.dirname, 'fixtures/pages');
/** Words, numbers and punctuation on one line: what a reader reads (the "¶" of a heading's permalink is left out on purpose). */
const readable = (text: string) => text.replace(/[^\p{L}\p{N}\s.,;:!?«»’'"()%€–-]/gu, '').replace(/\s+/gu, ' ').trim();

async function page(name: string): Promise<{ raw: string; article: Article }> {
  const raw = await readFile(path.join(PAGES, name), 'utf8');
  return { raw, article: parseArticle(name, raw, 'html') };
}

function allText(article: Article): string {
  return article.blocks.map((block) => block.text).join('\n');
}

/** Every passage's excerpt is what a browser shows of the file between its start and end: no word left out, none added. */
function expectExactPassages(raw: string, article: Article): void {
  const passages = chunkArticle(article, { chunkSize: 600, chunkOverlap: 120 });
  expect(passages.length).toBeGreaterThan(0);
  for (const passage of passages) expect(readable(htmlToText(raw.slice(passage.start, passage.end)).text)).toBe(readable(passage.text));
}

describe('web pages as people save them: only the article is read, with its metadata', () => {
  it('a WordPress post: the post, without share bar, related posts, comments form, sidebar or footer', async () => {
    const { raw, article } = await page('wordpress-article.html');
    expect(article).toMatchObject({
      title: 'Le vélo-cargo conquiert les livreurs rennais',
      date: '2024-05-14T08:30:00+00:00',
      author: 'Léa Morvan',
      outlet: 'Ouest Vélo Mag',
      url: 'https://ouest-velo.example/2024/05/velo-cargo-livreurs-rennes/',
    });
    const text = allText(article);
    expect(text).toMatch(/^À Rennes, les livraisons du dernier kilomètre/u);
    expect(text).toContain('La métropole finance jusqu’à 40\u00a0% du prix d’achat');
    expect(text).toContain('certains craignent l’encombrement des trottoirs');
    for (const furniture of ['Partager', 'Facebook', 'J’aime', 'Articles similaires', 'Pistes cyclables', 'Laisser un commentaire', 'Articles récents', 'Fièrement propulsé', 'Actus', 'Publié dans']) {
      expect(text, furniture).not.toContain(furniture);
    }
    expectExactPassages(raw, article);
  });

  it('a news page: JSON-LD metadata (two authors, publisher, canonical address); no cookie banner, ad, paywall prompt or "À lire aussi"', async () => {
    const { raw, article } = await page('news-jsonld-paywall.html');
    expect(article).toMatchObject({
      title: 'Le port de Brest mise sur l’éolien flottant',
      date: '2024-11-03T06:45:00+01:00',
      author: 'Gwenaëlle Kerhervé, Marc Tanguy',
      outlet: 'Le Télégramme du Ponant',
      url: 'https://www.telegramme-ponant.example/economie/port-brest-eolien-flottant-2024-11-03.php',
    });
    const text = allText(article);
    expect(text).toContain('La région investit 220\u00a0millions d’euros');
    expect(text).toContain('Le chantier devrait créer 300\u00a0emplois directs');
    for (const furniture of ['cookies', 'Accepter', 'S’abonner', 'Publicité', 'réservé aux abonnés', 'Offre découverte', 'À lire aussi', 'Saint-Nazaire', 'Mentions légales', 'Newsletter', 'Par Gwenaëlle']) {
      expect(text, furniture).not.toContain(furniture);
    }
    // The advertisement inside the article body ends a block: no passage spans it.
    expect(article.blocks.some((block) => block.text.includes('premier port') && block.text.includes('300'))).toBe(false);
    expectExactPassages(raw, article);
  });

  it('a documentation page: no navigation, sidebar, table of contents or permalink signs; a table row is one line', async () => {
    const { raw, article } = await page('documentation-page.html');
    expect(article.title).toBe('Sauvegardes incrémentales');
    expect(article.url).toBe('https://docs.rclonette.example/fr/2.4/sauvegardes.html');
    const text = allText(article);
    expect(text).toContain('Une sauvegarde incrémentale ne copie que les fichiers modifiés');
    expect(text).toContain('--keep Nombre de versions conservées 7');
    expect(text).toContain('rclonette sauvegarde ~/Documents distant:sauvegardes --keep 14');
    for (const furniture of [/\bsuivant\b/u, /\bprécédent\b/u, /Sommaire/u, /Table des matières/u, /Recherche rapide/u, /¶/u, /Sphinx/u, /\bindex\b/u]) {
      expect(text, String(furniture)).not.toMatch(furniture);
    }
    expectExactPassages(raw, article);
  });
});

describe('text the reader leaves out inside an article', () => {
  const body = (middle: string) => `<!doctype html><html><head><title>Le conseil municipal de Brest</title></head><body><article><h1>Le conseil municipal de Brest</h1>
<p>🔴 EN DIRECT 🔴 Le conseil municipal de Brest a voté lundi soir le budget de la ville pour 2025, après quatre heures de débats animés entre la majorité et l’opposition.</p>
<p>Le maire a défendu une hausse de 3 % des dépenses d’investissement, consacrée aux écoles et aux transports en commun de la métropole.</p>${middle}
<p>« Nous tiendrons nos engagements sans augmenter les impôts », a déclaré le maire devant les élus, avant le vote final de la délibération principale.</p>
<p>L’opposition a annoncé qu’elle déposerait un recours devant le tribunal administratif de Rennes dans les prochaines semaines.</p>
</article></body></html>`;

  it('an emoji does not break the text into words, and a left-out block splits the text right where it stood', async () => {
    const { parseArticle } = await import('../src/corpus/index.js');
    const plain = parseArticle('a.html', body(''), 'html');
    expect(plain.blocks).toHaveLength(1);
    const withAd = body('<div class="pub"><span>PUBLICITÉ</span> <a href="/promo">Offre spéciale</a></div>');
    const article = parseArticle('b.html', withAd, 'html');
    const texts = article.blocks.map((block) => block.text);
    expect(texts.some((text) => text.endsWith('transports en commun de la métropole.'))).toBe(true);
    expect(texts.some((text) => text.startsWith('« Nous tiendrons nos engagements'))).toBe(true);
    for (const block of article.blocks) expect(withAd.slice(block.start, block.end)).not.toContain('PUBLICITÉ');
  });
});
