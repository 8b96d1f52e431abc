/** What the naive benchmark runs on: the shipped corpus as the project chunks it, and 20 questions. */
import { chunkArticle } from '../../../src/chunking/chunk-article.js';
import { readCorpus } from '../../../src/corpus/read-corpus.js';

/** The project's default chunking (CHUNK_SIZE / CHUNK_OVERLAP). */
export const DEFAULT_CHUNKING = { chunkSize: 600, chunkOverlap: 120 } as const;

/** Questions a reader of the five shipped articles would ask, written from corpus/. */
export const NAIVE_QUESTIONS: readonly string[] = [
  'Quand OpenAI ouvrira-t-elle son bureau à Paris ?',
  'Qui dirigera provisoirement l’équipe française d’OpenAI ?',
  'Quels postes OpenAI veut-elle pourvoir en France ?',
  'Où OpenAI a-t-elle présenté ses projets en mai, en marge de VivaTech ?',
  'En quelle année Netflix a-t-il ouvert son siège actuel en France ?',
  'Pourquoi Paris attire-t-elle OpenAI plutôt qu’une autre capitale européenne ?',
  'Qui est chargée du lobbying d’OpenAI en Europe ?',
  'Combien Mistral AI a-t-elle levé ?',
  'Combien OpenAI a-t-elle levé depuis sa création en 2015 ?',
  'Quelle est la valorisation d’OpenAI après sa dernière levée de fonds ?',
  'Que dit Sarah Friar de la facilité de crédit de 4 milliards ?',
  'Qui a fondé le laboratoire Kyutai ?',
  'Pourquoi OpenAI s’installe-t-elle aussi à Bruxelles ?',
  'Combien l’IA pourrait-elle rapporter à l’Asie du Sud-Est d’ici 2030 ?',
  'Quand se tient la conférence DevDay de Singapour ?',
  'Pourquoi l’Europe adopte-t-elle l’IA générative si vite ?',
  'Quels défis la demande d’inférence pose-t-elle aux fournisseurs de cloud ?',
  'Combien d’argent OpenAI risque-t-elle de perdre l’an prochain ?',
  'Que pense Jean-Baptiste Bouzige de l’intelligence artificielle générale ?',
  'Pourquoi la frugalité serait-elle la clé du développement de l’IA ?',
];

/** The texts of the passages the project's chunker makes of the articles in `corpusDir`. */
export async function corpusPassageTexts(corpusDir: string): Promise<string[]> {
  const { articles } = await readCorpus(corpusDir);
  return articles.flatMap((article) => chunkArticle(article, DEFAULT_CHUNKING).map((passage) => passage.text));
}

/**
 * `count` texts: the passages in order, then again with " (copie n)" appended, so every text is
 * distinct (no cache could skip one) while lengths stay those of real passages.
 */
export function cyclePassages(passages: readonly string[], count: number): string[] {
  if (passages.length === 0) throw new RangeError('no passages to cycle');
  return Array.from({ length: count }, (_, index) => {
    const text = passages[index % passages.length] ?? '';
    const copy = Math.floor(index / passages.length);
    return copy === 0 ? text : `${text} (copie ${copy})`;
  });
}
