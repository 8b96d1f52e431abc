/**
 * Questions to start from, made from the corpus itself so that they fit any corpus, and kept only
 * when the answerer answers them from it: "Qui est Janine Korovesis ?" for a person the articles
 * introduce ("Janine Korovesis, vice-présidente…"), "Comment retirer un effet sonore ?" for a page
 * titled with what it teaches to do ("Retirer un effet sonore d'une diapositive").
 */
import type { Passage } from '../chunking/index.js';
import { FRENCH_STOP_WORDS } from '../text/index.js';
import { askQuestion, type AskContext } from './ask-question.js';

/**
 * Two capitalised words followed by an apposition that says who they are: "Janine Korovesis,
 * vice-présidente des finances", "Sam Altman, fondateur", "Mira Murati, la directrice technique".
 */
const INTRODUCED_PERSON =
  /(?<=[\p{Ll},;:]\s)(\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?\s\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?),\s(?=(?:(?:l['’]|le\s|la\s|son\s|sa\s|notre\s|leur\s|un\s|une\s|ancien\s|ancienne\s|ex-)?(?:[\p{Ll}-]*(?:eur|euse|rice|ente?|iste|ier|ière|ien|ienne|aire|ogue|ect|ecte)|PDG|CEO|patron|patronne|chef|maire|ministre|député|députée|sénateur|sénatrice)(?![\p{L}])))/gu;
/** A title that opens on what it teaches to do: an infinitive ("Retirer", "Choisir", "Mettre"). */
const INFINITIVE_TITLE = /^(\p{Lu}\p{Ll}+(?:er|ir|re|oir))\s+\S+\s+\S+/u;
const CANDIDATES_TRIED = 12;

export async function exampleQuestions(context: AskContext, passages: readonly Passage[], max: number): Promise<string[]> {
  const people = new Map<string, number>();
  for (const passage of passages) {
    for (const match of passage.text.matchAll(INTRODUCED_PERSON)) {
      const name = match[1]!;
      if (name.split(/\s/u).some((word) => FRENCH_STOP_WORDS.has(word.toLowerCase()))) continue;
      people.set(name, (people.get(name) ?? 0) + 1);
    }
  }
  const byPerson = [...people.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => `Qui est ${name} ?`);
  const titles = [...new Set(passages.map((passage) => passage.title).filter((title): title is string => title !== null))];
  const byTitle = titles.filter((title) => INFINITIVE_TITLE.test(title) && title.length <= 90).map((title) => `Comment ${title.charAt(0).toLowerCase()}${title.slice(1).replace(/[\s.!?:;]+$/u, '')} ?`);
  const candidates = interleave(byPerson, byTitle).slice(0, CANDIDATES_TRIED);
  const kept: string[] = [];
  for (const question of candidates) {
    if (kept.length >= max) break;
    const result = await askQuestion(context, { question, k: 5 });
    if (!result.abstained) kept.push(question);
  }
  return kept;
}

function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (i < a.length) out.push(a[i]!);
    if (i < b.length) out.push(b[i]!);
  }
  return out;
}
