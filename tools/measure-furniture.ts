/**
 * Share of a folder's passages that are page furniture rather than article text, to compare
 * cleaners: `npm run measure-furniture -- <folder>`. A passage is furniture when most of its text
 * (by characters) are navigation ("Précédent", "Suivant", "Sommaire", "Table des matières", "Rubriques connexes",
 * "Partager"…), numbered table-of-contents entries ("6.3. Commande debuild"), or a lone heading of
 * under 60 characters; passages are cut with the default settings. The measure is deliberately independent of the cleaner's own rules.
 */
import { chunkArticle } from '../src/chunking/index.js';
import { readCorpus } from '../src/corpus/index.js';

const NAVIGATION = /^(?:précédent|suivant|sommaire|accueil|niveau supérieur|table des matières|rubriques connexes|partager.*|lire aussi.*|menu|retour.*|haut de page|next|previous|home|up)$/iu;
const TABLE_OF_CONTENTS = /^(?:(?:chapitre|section|annexe|partie)\s+)?[\dA-Z]{1,3}(?:\.\d+)*\.?\s+\S/u;

const folder = process.argv[2];
if (!folder) {
  console.error('usage: npm run measure-furniture -- <folder of pages>');
  process.exit(2);
}
const { articles } = await readCorpus(folder);
const passages = articles.flatMap((article) => chunkArticle(article, { chunkSize: 600, chunkOverlap: 120 }));
const furniture = passages.filter((passage) => {
  const lines = passage.text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 1 && (lines[0] ?? '').length < 60 && !/[.!?:]$/u.test(lines[0] ?? '')) return true;
  const furnitureLines = lines.filter((line) => NAVIGATION.test(line) || (TABLE_OF_CONTENTS.test(line) && line.length < 90));
  const length = (list: string[]) => list.reduce((sum, line) => sum + line.length, 0);
  return length(furnitureLines) / length(lines) >= 0.5;
});
console.log(`${folder}: ${articles.length} articles, ${passages.length} passages, ${furniture.length} furniture (${((100 * furniture.length) / Math.max(1, passages.length)).toFixed(1)}%)`);
if (process.env.SHOW) for (const passage of furniture.slice(0, Number(process.env.SHOW))) console.log('  |', passage.text.replace(/\n/gu, ' / ').slice(0, 140));
