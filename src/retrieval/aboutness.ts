/**
 * How much a corpus is about a question, on a scale that means the same on any corpus: the share of
 * the question's term weight (idf; a term the corpus never uses weighs the most) that its best
 * passage holds, set against the share that questions off the corpus's topic reach on the same
 * corpus. No labels are needed: the off-topic level is measured on the corpus itself.
 */
import type { PassageStore, TermStatistics } from '../index/index.js';

/** Passages read for the best share: the first of BM25's list. */
const PASSAGES_READ = 10;
/** The off-topic level is this quantile of the probes' shares (nearest rank). */
const OFF_TOPIC_QUANTILE = 0.9;

/**
 * Questions about everyday subjects that a corpus of news or software documentation does not treat:
 * what its scores look like for a question it cannot be about. They are measured, never answered.
 */
export const OFF_TOPIC_PROBES = [
  'Quelle est la recette de la blanquette de veau ?',
  'Comment réussir une pâte brisée sans beurre ?',
  'Combien de temps faut-il cuire un œuf mollet ?',
  'Quel vin servir avec un plateau de fromages ?',
  'Qui a gagné la coupe du monde de rugby en 1995 ?',
  'Combien de joueurs compte une équipe de handball ?',
  'Quelle est la capitale de l’Australie ?',
  'Quel est le plus long fleuve d’Afrique ?',
  'Quelle est la hauteur du mont Blanc ?',
  'Comment soigner une angine chez un enfant ?',
  'Quels sont les symptômes de la varicelle ?',
  'Combien de pattes a une araignée ?',
  'Que mange un hérisson en hiver ?',
  'Comment tailler un rosier grimpant ?',
  'Quand faut-il semer les tomates ?',
  'Qui a peint la Joconde ?',
  'Qui a écrit Les Misérables ?',
  'En quelle année a eu lieu la bataille de Marignan ?',
  'Quel empereur romain a fait construire le Colisée ?',
  'Combien coûte un aller simple en TGV de Lille à Nice ?',
  'Comment changer la roue d’une voiture ?',
  'Quelle est la vitesse maximale autorisée sur autoroute par temps de pluie ?',
  'Comment détartrer une bouilloire avec du vinaigre ?',
  'Quelle est la meilleure saison pour visiter la Norvège ?',
  'Comment apprendre à nager à un adulte ?',
  'Quelle est la distance entre la Terre et la Lune ?',
  'Pourquoi le ciel est-il bleu ?',
  'Comment fonctionne un arc-en-ciel ?',
  'Quel temps fera-t-il demain sur la côte basque ?',
  'Combien de calories contient une banane ?',
  'Comment tricoter une écharpe pour débutant ?',
  'Quelles sont les règles du tarot à cinq joueurs ?',
  'Qui a composé la Symphonie du Nouveau Monde ?',
  'Quel est le cri de la chouette hulotte ?',
  'Comment entretenir un aquarium d’eau douce ?',
  'Quelle est la date de la fête des mères cette année ?',
  'Comment enlever une tache de vin rouge sur un canapé ?',
  'Combien d’os compte le squelette humain ?',
  'Où se trouve le désert d’Atacama ?',
  'Comment préparer un marathon en trois mois ?',
];

/** Share of the question's term weight that the best of its first passages holds (0–1). */
export function aboutness(lexical: TermStatistics, question: string, passageTexts: readonly string[]): number {
  const terms = [...new Set(lexical.termsOf(question))];
  const total = terms.reduce((sum, term) => sum + lexical.idf(term), 0);
  if (total === 0) return 0;
  let best = 0;
  for (const text of passageTexts.slice(0, PASSAGES_READ)) {
    const held = new Set(lexical.termsOf(text));
    best = Math.max(best, terms.reduce((sum, term) => sum + (held.has(term) ? lexical.idf(term) : 0), 0) / total);
  }
  return best;
}

const levels = new WeakMap<PassageStore, { version: string; level: Promise<number>; measuredAt: number }>();
/**
 * A database being indexed changes with every batch committed: its level, a corpus-wide
 * quantile that a batch barely moves, is measured again at most this often (40 searches each time).
 */
const REMEASURE_CHANGING_DATABASE_MS = 60_000;

/** The aboutness that off-topic questions reach on this corpus, measured once per version of the store's content. */
export function offTopicLevel(store: PassageStore): Promise<number> {
  const version = store.contentVersion();
  const known = levels.get(store);
  if (known && known.version === version) return known.level;
  if (known && store.kind === 'postgres' && Date.now() - known.measuredAt < REMEASURE_CHANGING_DATABASE_MS) return known.level;
  const level = measureOffTopicLevel(store);
  levels.set(store, { version, level, measuredAt: Date.now() });
  level.catch(() => levels.delete(store));
  return level;
}

async function measureOffTopicLevel(store: PassageStore): Promise<number> {
  const shares = await Promise.all(
    OFF_TOPIC_PROBES.map(async (probe) => {
      const hits = await store.searchLexical(probe, PASSAGES_READ, null);
      const found = await store.passages(hits.map((hit) => hit.id));
      const texts = hits.flatMap((hit) => found.get(hit.id)?.text ?? []);
      return aboutness(await store.termStatistics([probe, ...texts]), probe, texts);
    }),
  );
  shares.sort((a, b) => a - b);
  return shares[Math.min(shares.length - 1, Math.ceil(OFF_TOPIC_QUANTILE * shares.length) - 1)] ?? 0;
}
