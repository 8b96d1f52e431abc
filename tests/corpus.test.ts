import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chunkArticle } from '../src/chunking/index.js';
import type { Article, TextBlock } from '../src/corpus/index.js';
import {
  MAX_ARTICLE_BYTES,
  htmlToText,
  isBoilerplateLine,
  parseArticle,
  parseFrenchDate,
  parseMetadataLine,
  readCorpus,
} from '../src/corpus/index.js';
import { corpusListing } from '../src/corpus/corpus-listing.js';

const CORPUS_DIR = path.resolve(import.meta.dirname, '../corpus');
const FIXTURES_DIR = path.resolve(import.meta.dirname, 'fixtures/corpus');

const SHIPPED = {
  lemonde: '000_71dcd0df67353d15.txt',
  lavet: '001_2f24b03e2d55c6bf.txt',
  expansion: '002_300cf649b219ff1f.txt',
  etatDesLieux: '003_f56942e7495b0a47.txt',
  defis: '004_81d887d6e74563b3.txt',
} as const;

/** Phrases of web chrome that must never reach the index. */
const BOILERPLATE_PHRASES = [
  'Il vous reste encore à lire',
  'exclusivement pour les abonnés',
  'Partager',
  'Catégories',
  'À LIRE AUSSI',
  'MonsterInsights',
  "Dans l'actualité",
  'Le monde va à toute vitesse',
  'Découvrez Lisa',
  '10\u00a0€ par mois',
  '10 € par mois',
];

const raws = new Map<string, string>();
const articles = new Map<string, Article>();

function shipped(source: string): { raw: string; article: Article } {
  const raw = raws.get(source);
  const article = articles.get(source);
  if (raw === undefined || !article) throw new Error(`${source} was not loaded`);
  return { raw, article };
}

function allText(article: Article): string {
  return article.blocks.map((block) => block.text).join('\n\n');
}

function expectExactSlices(raw: string, blocks: readonly TextBlock[]): void {
  let previousEnd = 0;
  for (const block of blocks) {
    expect(raw.slice(block.start, block.end)).toBe(block.text);
    expect(block.text).toBe(block.text.trim());
    expect(block.text.length).toBeGreaterThan(0);
    expect(block.start).toBeGreaterThanOrEqual(previousEnd);
    previousEnd = block.end;
  }
}

beforeAll(async () => {
  for (const name of Object.values(SHIPPED)) {
    const raw = await readFile(path.join(CORPUS_DIR, name), 'utf8');
    raws.set(name, raw);
    articles.set(name, parseArticle(name, raw, 'txt'));
  }
});

describe('the five shipped articles', () => {
  it.each([
    [SHIPPED.lemonde, 'Un bureau sera inauguré à Paris par OpenAI', '2024-10-09T07:48:00', null],
    [
      SHIPPED.lavet,
      'Après le Royaume-Uni, OpenAI s’installe à Paris pour développer ses activités en Europe.',
      null,
      null,
    ],
    [
      SHIPPED.expansion,
      'OpenAI poursuit son expansion internationale : après, Londres, Dublin et plus récemment Tokyo, la start-up annonce la…',
      null,
      null,
    ],
    [SHIPPED.etatDesLieux, 'OpenAI dresse un état des lieux mondial de l’IA en entreprise', null, null],
    [
      SHIPPED.defis,
      'OpenAI face à ses défis : 6,6 milliards pour rester leader ou éviter l’impasse ?',
      '2024-10-04',
      'Thierry Derouet',
    ],
  ])('%s has the expected title, date and author', (source, title, date, author) => {
    const { article } = shipped(source);
    expect({ title: article.title, date: article.date, author: article.author }).toEqual({ title, date, author });
  });

  it('derives a title of at most 120 characters, cut at a word, when the first line is a paragraph (002)', () => {
    const { article, raw } = shipped(SHIPPED.expansion);
    const title = article.title ?? '';
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title.endsWith('…')).toBe(true);
    expect(raw.startsWith(title.slice(0, -1))).toBe(true);
    expect(raw[title.length - 1]).toBe(' ');
  });

  it('keeps no share, paywall, category, read-also, tracking or advertisement text in any block', () => {
    for (const article of articles.values()) {
      for (const block of article.blocks) {
        for (const phrase of BOILERPLATE_PHRASES) expect(block.text, `${article.source}: ${phrase}`).not.toContain(phrase);
        const lines = block.text.split(/\r?\n/u).map((line) => line.trim());
        expect(lines, article.source).not.toContain('Eco');
        expect(lines, article.source).not.toContain('|');
      }
    }
  });

  it('keeps bylines and date lines out of the body but keeps the headline in it', () => {
    const { article: defis } = shipped(SHIPPED.defis);
    expect(allText(defis)).not.toContain('Par Thierry Derouet');
    expect(defis.blocks[0]?.text).toBe('OpenAI face à ses défis : 6,6 milliards pour rester leader ou éviter l’impasse ?');
    const { article: lemonde } = shipped(SHIPPED.lemonde);
    expect(allText(lemonde)).not.toContain('7 h 48 min');
    expect(lemonde.blocks[0]?.text).toBe('Un bureau sera inauguré à Paris par OpenAI');
  });

  it('keeps the real content: the last paragraphs before the paywall and the share line survive', () => {
    const lemonde = allText(shipped(SHIPPED.lemonde).article);
    expect(lemonde).toContain('hackathons à Station F [l’incubateur de start-ups initié par Xavier Niel]».');
    const lavet = shipped(SHIPPED.lavet).article;
    expect(lavet.blocks.some((block) => block.text.includes('Julie Lavet a été recrutée pour diriger le lobbying en Europe'))).toBe(true);
    expect(allText(lavet).endsWith('Une tâche loin d’être facile !')).toBe(true);
    const expansion = allText(shipped(SHIPPED.expansion).article);
    expect(expansion).toContain('Clara Chappaz, secrétaire d’État chargée de l’IA et du Numérique');
  });

  it('keeps the interview of 004 and its real "Un carrefour stratégique" heading, drops the trailing teaser', () => {
    const text = allText(shipped(SHIPPED.defis).article);
    expect(text).toContain('Un carrefour stratégique pour Sam Altman');
    expect(text.match(/Jean-Baptiste Bouzige : «/gu)).toHaveLength(3);
    expect(text).toContain('ce n’est pas le LLM qui fait tout le travail');
    expect(text).toContain('3 questions posées à … Jean-Baptiste Bouzige');
    expect(text).toContain('Que retenir de cet engouement financier pour OpenAI ?');
  });

  it('drops the advertisement at the end of 003 but keeps "À retenir" and "Pourquoi c’est important"', () => {
    const text = allText(shipped(SHIPPED.etatDesLieux).article);
    expect(text).toContain('À retenir');
    expect(text).toContain('Pourquoi c’est important');
    expect(text.endsWith('mais exigeant en termes de performance et d’efficacité énergétique.')).toBe(true);
    expect(text).not.toContain('assistante personnelle IA');
  });

  it('gives blocks whose text is exactly raw.slice(start, end), trimmed and in order', () => {
    for (const [source, article] of articles) {
      expect(article.blocks.length, source).toBeGreaterThan(0);
      expectExactSlices(raws.get(source) ?? '', article.blocks);
    }
  });

  it('hashes the file bytes with sha256', async () => {
    const bytes = await readFile(path.join(CORPUS_DIR, SHIPPED.defis));
    expect(shipped(SHIPPED.defis).article.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('dates and bylines', () => {
  it.each([
    ['9 octobre 2024 7 h 48 min', '2024-10-09T07:48:00'],
    ['publié le 04 octobre 2024', '2024-10-04'],
    ['1er octobre 2024', '2024-10-01'],
    ['04/10/2024', '2024-10-04'],
    ['2024-10-04', '2024-10-04'],
    ['Publié le 4 oct. 2024 à 10h30', '2024-10-04T10:30:00'],
    ['mercredi 9 octobre 2024', '2024-10-09'],
    ['Publié le 4 octobre 2024, mis à jour le 5 octobre 2024 à 18:05', '2024-10-04'],
    ['Mis à jour le 5 octobre 2024 | Publié le 4 octobre 2024', '2024-10-04'],
    ['Marseille, le 3 novembre 2024', '2024-11-03'],
    ['Aix-en-Provence, le 12 mars 2025', '2025-03-12'],
    ["Villeneuve-d'Ascq, le 1er juin 2023 — par Jean Dupont", '2023-06-01'],
  ])('reads the date line "%s" as %s', (line, iso) => {
    const found = parseMetadataLine(line);
    expect(found?.published ?? found?.unlabelled).toBe(iso);
  });

  it('reads a dateline only at the top of the article: further down it is text', () => {
    const article = parseArticle('lettre.txt', 'Une lettre retrouvée\n\nLe musée expose une lettre ancienne.\n\nParis, le 12 mars 1998\n\nCher ami, je vous écris.\n', 'txt');
    expect(article.date).toBeNull();
    expect(article.blocks.map((block) => block.text).join('\n')).toContain('Paris, le 12 mars 1998');
  });

  it('never takes a sentence that opens like a dateline for one', () => {
    expect(parseMetadataLine('Paris, le 9 octobre, OpenAI a annoncé son bureau.')).toBeNull();
    expect(parseMetadataLine('Marseille, le port autonome a présenté son plan.')).toBeNull();
  });

  it('rejects impossible dates', () => {
    expect(parseFrenchDate('31/02/2024')).toBeNull();
    expect(parseFrenchDate('29 février 2023')).toBeNull();
    expect(parseFrenchDate('29 février 2024')).toBe('2024-02-29');
  });

  it('reads authors from bylines only, never from sentences that start with "Par"', () => {
    expect(parseMetadataLine('Par Thierry Derouet, publié le 04 octobre 2024')?.author).toBe('Thierry Derouet');
    expect(parseMetadataLine('Par Jean Dupont')?.author).toBe('Jean Dupont');
    expect(parseMetadataLine('Auteur : Marie Curie')?.author).toBe('Marie Curie');
    expect(parseMetadataLine('Par Jean-Baptiste Martin et Élise Lucet')?.author).toBe('Jean-Baptiste Martin et Élise Lucet');
    expect(parseMetadataLine('Par exemple, Julie Lavet a été recrutée pour diriger le lobbying en Europe')).toBeNull();
    expect(parseMetadataLine('Sam Altman, PDG et cofondateur d’OpenAI, affirme:')).toBeNull();
  });

  it('prefers the publication date to the update date and drops both lines from the body', () => {
    const raw = 'Le Sénat adopte la loi\nMis à jour le 6 octobre 2024 à 08h00\nPublié le 5 octobre 2024\n\nLe texte a été voté mardi.\n';
    const article = parseArticle('loi.txt', raw, 'txt');
    expect(article.date).toBe('2024-10-05');
    expect(article.blocks.map((block) => block.text)).toEqual(['Le Sénat adopte la loi', 'Le texte a été voté mardi.']);
  });
});

describe('boilerplate rules', () => {
  it('recognises share, paywall, category, newsletter and cookie lines', () => {
    for (const line of [
      'Partager',
      "- Partager l'article :",
      'Partager sur Facebook',
      'Il vous reste encore à lire 28.07% de cet article. Le reste est exclusivement pour les abonnés.',
      'Réservé aux abonnés',
      'Catégories: Economie',
      '|',
      'À LIRE AUSSI :',
      'Lire aussi : OpenAI ouvre un bureau à Paris',
      'Verified by MonsterInsights',
      'Inscrivez-vous à notre newsletter',
      'Nous utilisons des cookies pour améliorer votre expérience.',
    ]) {
      expect(isBoilerplateLine(line), line).toBe(true);
    }
  });

  it('keeps article sentences that merely mention sharing, prices or subscribers', () => {
    for (const line of [
      'Partager sur les réseaux sociaux est devenu une habitude pour les jeunes lecteurs.',
      'ChatGPT Plus coûte 20 € par mois, un prix que beaucoup jugent élevé.',
      'Les abonnés de Netflix sont plus nombreux en France.',
      // A lone section name is only chrome above the headline; further down it may be a heading.
      'Eco',
    ]) {
      expect(isBoilerplateLine(line), line).toBe(false);
    }
  });

  it('removes the teaser title after "À LIRE AUSSI" unless it introduces the next paragraph', () => {
    const raw = [
      'Le gouvernement présente son budget',
      '',
      'Les économies atteindront 40 milliards d’euros.',
      '',
      'À LIRE AUSSI :',
      '',
      'Sora, l’outil vidéo d’OpenAI, arrive en Europe',
      '',
      'Le ministre a défendu un effort partagé entre l’État et les collectivités.',
    ].join('\n');
    const text = allText(parseArticle('budget.txt', raw, 'txt'));
    expect(text).not.toContain('Sora');
    expect(text).toContain('Le ministre a défendu un effort partagé');
  });

  it('keeps the heading after a "Lire aussi : <titre>" line, whose teaser is on the same line', () => {
    const raw = 'Le budget 2025\n\nUn premier paragraphe.\n\nLire aussi : Sora arrive en Europe\n\nLes collectivités\n\nFace aux économies, les maires protestent.';
    const text = allText(parseArticle('budget.txt', raw, 'txt'));
    expect(text).not.toContain('Sora');
    expect(text).toContain('Les collectivités\n\nFace aux économies');
  });
});

describe('html articles', () => {
  let raw = '';
  let article: Article;
  beforeAll(async () => {
    raw = await readFile(path.join(FIXTURES_DIR, 'mistral-levee.html'), 'utf8');
    article = parseArticle('mistral-levee.html', raw, 'html');
  });

  it('reads the headline, publication time and author that the page declares', () => {
    expect(article.title).toBe('Mistral AI l’emporte : une levée record');
    expect(article.date).toBe('2024-06-11T09:15:00+02:00');
    expect(article.author).toBe('Claire Fontaine');
  });

  it('keeps article text only: no script, style, comment, nav, footer, aside, share or paywall', () => {
    const text = allText(article);
    expect(text).toContain('La start-up française Mistral AI a levé 600\u00a0millions d’euros, portant sa valorisation');
    expect(text).toContain('«\u00a0Nous voulons rester indépendants\u00a0», a déclaré Arthur Mensch, son cofondateur.\nLes fonds');
    expect(text).toContain('recruter & à calculer');
    // A heading is not text of the article but the name of its section, which the passages carry.
    expect(text).not.toContain('Une concurrence mondiale');
    expect(article.sections).toEqual([{ title: 'Une concurrence mondiale', start: raw.indexOf('Une concurrence mondiale') }]);
    const passages = chunkArticle(article, { chunkSize: 600, chunkOverlap: 0 });
    expect(passages.find((passage) => passage.text.startsWith('Face à OpenAI'))?.section).toBe('Une concurrence mondiale');
    for (const noise of ['dataLayer', 'font-family', 'début de l', 'Le Quotidien Tech', 'Partager', 'abonnés', 'cookies', 'OpenAI ouvre', 'Par Claire', '©']) {
      expect(text, noise).not.toContain(noise);
    }
  });

  it('maps every character of every block back to its place in the raw html', () => {
    expect(article.blocks.length).toBeGreaterThan(0);
    for (const block of article.blocks) {
      const offsets = block.offsets ?? [];
      expect(offsets).toHaveLength(block.text.length);
      expect(block.start).toBe(offsets[0]);
      expect(block.end).toBeGreaterThan(offsets[offsets.length - 1] ?? Infinity);
      [...block.text].forEach((char, i) => {
        const at = offsets[i] ?? -1;
        if (/\s/u.test(char) && char !== '\u00a0') return;
        if (raw[at] === '&') expect(htmlToText(raw.slice(at, raw.indexOf(';', at) + 1)).text).toBe(char);
        else expect(raw[at]).toBe(char);
      });
    }
    // The headline is the article's title, not a passage of its own: the text starts with the lead.
    const lead = article.blocks[0];
    expect(raw.slice(lead?.start, lead?.end)).toMatch(/^La start-up fran&ccedil;aise Mistral AI a lev&eacute; 600&nbsp;millions/u);
  });

  it('decodes named and numeric entities and collapses whitespace like a browser', () => {
    const { text, offsets } = htmlToText('<p>caf&eacute;&#233;&#xE9;&#146;  \n <b>x</b>&unknown;</p><!-- c --><p>y</p>');
    expect(text).toBe('cafééé’ x&unknown;\n\ny');
    expect(offsets.slice(0, 8)).toEqual([3, 4, 5, 6, 14, 20, 26, 32]);
  });
});

describe('markdown articles', () => {
  it('uses the front matter, reads the text as rendered (no Markdown markup) with exact offsets, and leaves front matter, byline and prompts out', async () => {
    const raw = await readFile(path.join(FIXTURES_DIR, 'souverainete-numerique.md'), 'utf8');
    const article = parseArticle('souverainete-numerique.md', raw, 'md');
    expect({ title: article.title, date: article.date, author: article.author }).toEqual({
      title: 'La souveraineté numérique, nouvel horizon européen',
      date: '2024-09-30',
      author: 'Lucie Bernard',
    });
    for (const block of article.blocks) {
      [...block.text].forEach((char, i) => {
        if (!/\s/u.test(char)) expect(raw[block.offsets?.[i] ?? -1]).toBe(char);
      });
    }
    const text = allText(article);
    expect(article.blocks[0]?.text).toMatch(/^Bruxelles veut réduire la dépendance/u);
    for (const markup of ['#', '**', '](', 'https://']) expect(text, markup).not.toContain(markup);
    expect(article.sections?.map((section) => section.title)).toEqual(['La souveraineté numérique, nouvel horizon européen', 'Des centres de données en Europe']);
    for (const noise of ['tags:', '---', 'Par Lucie Bernard', 'Partager', 'newsletter']) expect(text, noise).not.toContain(noise);
    expect(text).toContain('Les États membres financeront des centres de données');
  });

  it('reads a table row as one line without pipes, code without fences, and gives each passage its section', () => {
    const raw = [
      '# Guide des abonnements',
      '',
      '## Tarifs',
      '',
      '| Formule | Prix | Engagement |',
      '|---|---|---|',
      '| **Essentiel** | 9,90 € | aucun |',
      '| Intégral | 19,90 € | 12 mois |',
      '',
      '## Résiliation',
      '',
      'Envoyez la commande `resilier --immediat` depuis votre [espace client](https://exemple.fr/client) :',
      '',
      '```',
      'resilier --immediat',
      '```',
    ].join('\n');
    const article = parseArticle('guide.md', raw, 'md');
    const text = allText(article);
    expect(text).toContain('Formule Prix Engagement\nEssentiel 9,90 € aucun\nIntégral 19,90 € 12 mois');
    expect(text).toContain('Envoyez la commande resilier --immediat depuis votre espace client :');
    for (const markup of ['|', '**', '```', '`', '](', '#']) expect(text, markup).not.toContain(markup);
    const passages = chunkArticle(article, { chunkSize: 600, chunkOverlap: 0 });
    expect(passages.map((passage) => [passage.section, passage.text.split('\n')[0]])).toEqual([
      ['Tarifs', 'Formule Prix Engagement'],
      ['Résiliation', 'Envoyez la commande resilier --immediat depuis votre espace client :'],
    ]);
    for (const passage of passages) expect(raw.slice(passage.start, passage.end)).toContain(passage.text.split('\n')[0]?.split(' ')[0]);
  });

  it('takes the title from a leading "# Heading" when there is no front matter', () => {
    const article = parseArticle('note.md', '# Le cloud souverain\n\nPar Jean Dupont\n\nUn texte.\n', 'md');
    expect([article.title, article.author]).toEqual(['Le cloud souverain', 'Jean Dupont']);
  });
});

describe('readCorpus', () => {
  const temporary: string[] = [];
  async function tempDir(): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'corpus-test-'));
    temporary.push(dir);
    return dir;
  }
  afterEach(async () => {
    await Promise.all(temporary.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('reads the five shipped articles in file-name order and skips nothing', async () => {
    const { articles: read, skipped } = await readCorpus(CORPUS_DIR);
    expect(skipped).toEqual([]);
    expect(read.map((article) => article.source)).toEqual((await readdir(CORPUS_DIR)).sort());
    expect(read.find((article) => article.source === SHIPPED.defis)?.author).toBe('Thierry Derouet');
  });

  it("learns a site's furniture from the lines most of its pages repeat, and keeps a sentence two articles quote", async () => {
    const dir = await tempDir();
    const page = (title: string, body: string) => `<!doctype html><html><head><title>${title}</title></head><body>
<nav><a href="/">Accueil</a> <a href="/eco">Économie</a></nav>
<p>Menu du Journal de Rennes</p>
<article><h1>${title}</h1>
<p>${body}</p>
<p>« Nous irons jusqu’au bout », a déclaré la maire.</p>
</article>
<footer><p>Recevez chaque matin la lettre du Journal de Rennes : inscrivez-vous.</p><p>© Journal de Rennes, tous droits réservés.</p></footer>
</body></html>`;
    await writeFile(path.join(dir, 'a.html'), page('Le métro rouvre', 'La ligne b du métro rouvre lundi après trois semaines de travaux.'));
    await writeFile(path.join(dir, 'b.html'), page('Le marché des Lices', 'Le marché des Lices accueille cent nouveaux exposants cet été.'));
    await writeFile(path.join(dir, 'c.html'), page('La piscine fermée', 'La piscine Saint-Georges ferme pour un an de rénovation.').replace('<p>« Nous irons', '<p>Rien. « Nous irons'));
    await writeFile(path.join(dir, 'd.html'), page('Le budget voté', 'Le conseil municipal a voté un budget de 450 millions d’euros.').replace('<p>« Nous irons', '<p>Rien. « Nous irons'));
    const { articles: read, skipped } = await readCorpus(dir);
    expect(skipped).toEqual([]);
    for (const article of read) {
      const text = article.blocks.map((block) => block.text).join('\n');
      expect(text).not.toContain('Menu du Journal de Rennes');
      expect(text).not.toContain('Recevez chaque matin');
      expect(text).not.toContain('tous droits réservés');
    }
    expect(read.map((article) => article.title)).toEqual(['Le métro rouvre', 'Le marché des Lices', 'La piscine fermée', 'Le budget voté']);
    const metro = read.find((article) => article.source === 'a.html')!;
    const metroText = metro.blocks.map((block) => block.text).join('\n');
    expect(metroText).toContain('La ligne b du métro rouvre lundi');
    // Two of four pages quote the same sentence on a line of its own: under half, so it is kept.
    expect(metroText).toContain('« Nous irons jusqu’au bout », a déclaré la maire.');
  });

  it('reads the html and md fixtures with their formats', async () => {
    const { articles: read, skipped } = await readCorpus(FIXTURES_DIR);
    expect(skipped).toEqual([]);
    expect(read.map((article) => [article.source, article.format])).toEqual([
      ['mistral-levee.html', 'html'],
      ['souverainete-numerique.md', 'md'],
    ]);
  });

  it('skips symlinks, hidden files, folders, other extensions, non-UTF-8, oversized and empty files, with reasons', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    await writeFile(path.join(outside, 'secret.txt'), 'SECRET hors du corpus\n\nUn paragraphe secret.');
    await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'lien.txt'));
    await symlink(outside, path.join(dir, 'dossier-lie.txt'));
    await writeFile(path.join(dir, '.cache.txt'), 'Un fichier caché.');
    await mkdir(path.join(dir, '.cache'));
    await writeFile(path.join(dir, '.cache', 'copie.txt'), 'Une copie cachée.\n\nUn paragraphe caché.');
    await writeFile(path.join(dir, 'notes.pdf'), 'pas un article');
    await writeFile(path.join(dir, 'notes.odt'), 'pas un article');
    // UTF-8 ("été" as C3 A9) with one stray byte: not a legacy file, never read as "Ã©tÃ©".
    await writeFile(path.join(dir, 'utf8-abime.txt'), Buffer.concat([Buffer.from('Un été chaud', 'utf8'), Buffer.from([0xff]), Buffer.from('.\n', 'utf8')]));
    // Neither UTF-8 nor Windows-1252: 0x81 and 0x8D mean no character there.
    await writeFile(path.join(dir, 'ni-utf8-ni-1252.txt'), Buffer.from([0x4c, 0x65, 0x20, 0x81, 0x8d, 0xe9, 0x2e]));
    await writeFile(path.join(dir, 'enorme.txt'), Buffer.alloc(MAX_ARTICLE_BYTES + 1, 'a'));
    await writeFile(path.join(dir, 'vide.txt'), '');
    await writeFile(path.join(dir, 'chrome.txt'), 'Partager\n|\nVerified by MonsterInsights\n');
    await writeFile(path.join(dir, 'vrai.txt'), 'Un vrai titre\n\nUn vrai paragraphe.');

    const { articles: read, skipped } = await readCorpus(dir);
    expect(read.map((article) => article.source)).toEqual(['vrai.txt']);
    const reasons = Object.fromEntries(skipped.map((skip) => [skip.source, skip.reason]));
    expect(reasons).toEqual({
      '.cache.txt': expect.stringMatching(/hidden/u),
      'chrome.txt': expect.stringMatching(/boilerplate/u),
      'dossier-lie.txt': expect.stringMatching(/symbolic link/u),
      'enorme.txt': expect.stringMatching(/larger than 5 MB/u),
      'ni-utf8-ni-1252.txt': expect.stringMatching(/^neither valid UTF-8 nor Windows-1252 text/u),
      'utf8-abime.txt': expect.stringMatching(/^not valid UTF-8: it holds UTF-8 characters and a few bytes that are not/u),
      'lien.txt': expect.stringMatching(/symbolic link/u),
      'notes.pdf': expect.stringMatching(/^not a PDF that can be read/u),
      'notes.odt': expect.stringMatching(/extension/u),
      '.cache': expect.stringMatching(/hidden folder/u),
      'vide.txt': expect.stringMatching(/empty/u),
    });
    expect(JSON.stringify(read)).not.toContain('SECRET');
  });

  it('reads sub-folders: an article is named by its path in the corpus; links to folders and hidden folders stay out', async () => {
    const dir = await tempDir();
    const outside = await tempDir();
    await writeFile(path.join(outside, 'secret.txt'), 'SECRET hors du corpus\n\nUn paragraphe secret.');
    await mkdir(path.join(dir, '2024', '10'), { recursive: true });
    await mkdir(path.join(dir, '2024', '11'), { recursive: true });
    await writeFile(path.join(dir, '2024', '10', 'port.txt'), 'Le port rouvre\n\nLe port de Lorient rouvre ses quais.');
    await writeFile(path.join(dir, '2024', '11', 'gare.md'), '# La gare rouvre\n\nLa gare de Vannes rouvre ses quais.');
    await writeFile(path.join(dir, 'a-plat.txt'), 'Un article à plat\n\nIl garde son nom.');
    await symlink(outside, path.join(dir, '2024', 'lien'));
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'notes.txt'), 'Des notes\n\nDans un dossier caché.');
    const { articles: read, skipped } = await readCorpus(dir);
    expect(read.map((article) => article.source)).toEqual(['2024/10/port.txt', '2024/11/gare.md', 'a-plat.txt']);
    expect(Object.fromEntries(skipped.map((skip) => [skip.source, skip.reason]))).toEqual({
      '.git': expect.stringMatching(/hidden folder/u),
      '2024/lien': expect.stringMatching(/symbolic link/u),
    });
    expect(JSON.stringify(read)).not.toContain('SECRET');
    // The listing the fast start compares sees a change deep in the tree.
    const before = await corpusListing(dir, {});
    await writeFile(path.join(dir, '2024', '10', 'port.txt'), 'Le port rouvre\n\nLe port de Lorient rouvre ses quais, et ses halles.');
    expect(await corpusListing(dir, {})).not.toBe(before);
  });

  it('reads an archive in Windows-1252 with CRLF line ends: decoded, listed as converted, its dateline read as the date, its title apart', async () => {
    const dir = await tempDir();
    // "Le port de Marseille s’agrandit" with the apostrophe and "œ" of Windows-1252 (0x92, 0x9C), CRLF line ends.
    const text = 'Le port de Marseille s\u2019agrandit\r\nMarseille, le 3 novembre 2024\r\n\r\nLe port autonome a pr\u00e9sent\u00e9 hier un plan de 200 millions d\u2019euros pour ses \u0153uvres. Les travaux dureront trois ans.\r\n';
    const windows1252: Record<string, number> = { '\u2019': 0x92, '\u0153': 0x9c };
    await writeFile(path.join(dir, 'archive-2008.txt'), Buffer.from([...text].map((char) => windows1252[char] ?? char.charCodeAt(0))));
    const { articles: read, skipped, converted } = await readCorpus(dir);
    expect(skipped).toEqual([]);
    expect(converted).toEqual([{ source: 'archive-2008.txt', encoding: 'windows-1252' }]);
    const article = read[0]!;
    expect(article.title).toBe('Le port de Marseille s\u2019agrandit');
    expect(article.date).toBe('2024-11-03');
    const passages = chunkArticle(article, { chunkSize: 600, chunkOverlap: 120 });
    expect(passages.map((passage) => passage.text)).toEqual([
      'Le port de Marseille s\u2019agrandit',
      'Le port autonome a pr\u00e9sent\u00e9 hier un plan de 200 millions d\u2019euros pour ses \u0153uvres. Les travaux dureront trois ans.',
    ]);
    // Offsets index the decoded text.
    for (const passage of passages) expect(text.slice(passage.start, passage.end)).toBe(passage.text);
  });

  it('keeps a UTF-8 BOM as character 0, as readFile(…, "utf8") does: offsets index that text, the BOM is in no title or block', async () => {
    const dir = await tempDir();
    const text = 'Le titre après le BOM\n\nPar Jean Dupont\n\nLe premier paragraphe.';
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const file = path.join(dir, 'bom.TXT');
    await writeFile(file, bytes);
    const fileText = await readFile(file, 'utf8');
    expect(fileText[0]).toBe('\ufeff');
    const [article] = (await readCorpus(dir)).articles;
    expect(article?.title).toBe('Le titre après le BOM');
    expect(article?.author).toBe('Jean Dupont');
    expect(article?.format).toBe('txt');
    expectExactSlices(fileText, article?.blocks ?? []);
    expect(article?.blocks[0]?.start).toBe(1);
    expect(JSON.stringify(article)).not.toContain('\ufeff');
    for (const passage of chunkArticle(article!, { chunkSize: 30, chunkOverlap: 0 })) {
      expect(fileText.slice(passage.start, passage.end)).toBe(passage.text);
      expect(passage.text).not.toContain('\ufeff');
    }
    expect(article?.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('keeps the BOM out of md and html titles and blocks, with offsets into the text readFile returns', async () => {
    const dir = await tempDir();
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const files = {
      'titre.md': '# Le cloud souverain\n\nPar Jean Dupont\n\nUn texte sur le cloud.\n',
      'front.md': '---\ntitle: Un titre déclaré\n---\n\nLe corps du texte.\n',
      'page.html': 'La une du jour<p>Un paragraphe &agrave; lire.</p>',
    };
    expect(htmlToText('\ufeff<!DOCTYPE html><p>a&amp;b</p>')).toEqual({ text: 'a&b', offsets: [19, 20, 25], ends: [20, 25, 26], headings: [] });
    for (const [name, content] of Object.entries(files)) await writeFile(path.join(dir, name), Buffer.concat([bom, Buffer.from(content, 'utf8')]));
    const read = new Map((await readCorpus(dir)).articles.map((article) => [article.source, article]));
    expect([...read.keys()].sort()).toEqual(Object.keys(files).sort());
    expect(read.get('titre.md')?.title).toBe('Le cloud souverain');
    expect(read.get('front.md')?.title).toBe('Un titre déclaré');
    expect(read.get('page.html')?.title).toBe('La une du jour');
    for (const [name, article] of read) {
      const fileText = await readFile(path.join(dir, name), 'utf8');
      expect(JSON.stringify(article), name).not.toContain('\ufeff');
      if (article.format !== 'html') {
        expectExactSlices(fileText, article.blocks);
        continue;
      }
      expect(article.blocks.map((block) => block.text)).toEqual(['La une du jour\n\nUn paragraphe à lire.']);
      expect(article.blocks[0]?.start).toBe(1);
      expect(article.blocks.map((block) => fileText.slice(block.start, block.end))).toEqual(['La une du jour<p>Un paragraphe &agrave; lire.']);
    }
  });

  it('keeps CRLF files as they are, with exact offsets and the same metadata', async () => {
    const dir = await tempDir();
    const crlf = shipped(SHIPPED.defis).raw.replace(/\n/gu, '\r\n');
    await writeFile(path.join(dir, 'defis-crlf.txt'), crlf);
    const [article] = (await readCorpus(dir)).articles;
    expect([article?.title, article?.date, article?.author]).toEqual([
      'OpenAI face à ses défis : 6,6 milliards pour rester leader ou éviter l’impasse ?',
      '2024-10-04',
      'Thierry Derouet',
    ]);
    expectExactSlices(crlf, article?.blocks ?? []);
    expect(article?.blocks.map((block) => block.text.replace(/\r\n/gu, '\n'))).toEqual(
      shipped(SHIPPED.defis).article.blocks.map((block) => block.text),
    );
  });
});

describe('plain-text manual pages', () => {
  const MANUAL = [
    'RANGER(1)                   Manuel de l’utilisateur                  RANGER(1)',
    '',
    '',
    '',
    'NOM',
    '       ranger - Trier les fichiers d’un dossier par date de modification',
    '',
    'SYNOPSIS',
    '       ranger [-r] [-n NOMBRE] dossier',
    '',
    'OPTIONS',
    '       -r     Trier du plus ancien au plus récent.',
    '',
    '       -n NOMBRE',
    '              Ne garder que les NOMBRE fichiers les plus récents.',
    '',
    'VOIR AUSSI',
    '       ls(1), find(1)',
    '',
    '',
    '',
    'ranger 2.1                       3 mars 2024                         RANGER(1)',
    '',
  ].join('\n');

  it('drops the page header and footer, takes the title from NOM, and makes the capitalised sections headings', () => {
    const article = parseArticle('ranger.txt', MANUAL, 'txt');
    expect(article.title).toBe('ranger - Trier les fichiers d’un dossier par date de modification');
    // "VOIR AUSSI" is a see-also list, which the read-also rule leaves out as it does a news site's.
    expect(article.sections?.map((section) => section.title)).toEqual(['NOM', 'SYNOPSIS', 'OPTIONS']);
    const text = allText(article);
    expect(text).not.toContain('RANGER(1)');
    expect(text).not.toMatch(/^(?:NOM|OPTIONS)$/mu);
    const passages = chunkArticle(article, { chunkSize: 600, chunkOverlap: 0 });
    const option = passages.find((passage) => passage.text.includes('Ne garder que les NOMBRE fichiers'));
    expect(option?.section).toBe('OPTIONS');
    expect(option?.text).toContain('-n NOMBRE\n              Ne garder que les NOMBRE fichiers les plus récents.');
    for (const passage of passages) expect(MANUAL.slice(passage.start, passage.end)).toBe(passage.text);
  });
});
