import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askQuestion } from '../src/answer/ask-question.js';
import { openEngine, type Engine } from '../src/engine.js';
import { BENCH_QUESTIONS, judgeAnswer, LABELLED_QUESTIONS } from '../src/cli/labelled-questions.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

const BOILERPLATE = ['Il vous reste encore à lire', 'Partager', 'Catégories', 'LIRE AUSSI', 'MonsterInsights', 'Découvrez Lisa', 'par mois'];

describe('answers grounded in the articles, with [n] citations', () => {
  let workspace: Workspace;
  let engine: Engine;
  const ask = (question: string, k = 5) =>
    askQuestion({ index: engine.index, queryEmbeddings: engine.embeddings, maxPassagesPerArticle: 2 }, { question, k });

  beforeAll(async () => {
    workspace = await makeWorkspace();
    engine = await openEngine(testConfig(workspace));
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('names Julie Lavet for the lobbying question and cites article 001', async () => {
    const result = await ask("Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?");
    expect(result.abstained).toBe(false);
    expect(result.answer).toMatch(/Julie Lavet[^[]*\[1\]/);
    expect(result.citations[0]?.source).toBe('001_2f24b03e2d55c6bf.txt');
  });

  it('names Janine Korovesis for who will lead the Paris office', async () => {
    const result = await ask('Qui dirigera le bureau de Paris ?');
    expect(result.abstained).toBe(false);
    expect(result.answer).toContain('Janine Korovesis');
  });

  it('finds the amount of the funding round', async () => {
    const result = await ask('Combien OpenAI a-t-elle levé lors de sa levée de fonds ?');
    expect(result.abstained).toBe(false);
    expect(result.answer).toMatch(/6,6\s*milliards|6 milliards/);
  });

  it.each(['Qui a remporté la Coupe du monde 2022 ?', 'Quel est le prix du pain à Lyon ?', 'Quelle est la recette de la ratatouille ?'])(
    'abstains on "%s"',
    async (question) => {
      const result = await ask(question);
      expect(result.abstained).toBe(true);
      expect(result.citations).toEqual([]);
      expect(result.answer).not.toMatch(/\[\d+\]/);
    },
  );

  // The extractive answerer reads words, not meaning; these are its known misses on the labelled set
  // (`npm run eval`). The list is pinned: a new miss fails, and so does a fixed one until it is removed here.
  const KNOWN_MISSES: Record<string, string> = {
    'Quand OpenAI a-t-elle été fondée ?': 'abstained wrongly', // the article says "lancée en 2015"
    'En quelle année OpenAI ouvrira-t-elle un bureau à Paris ?': 'abstained wrongly', // it says "établir un bureau … d’ici fin 2024"
    'Qui est le président de la France ?': 'answered wrongly', // "vice-présidente" … "pour la France"
    'Qui est le PDG de Mistral AI ?': 'answered wrongly', // one sentence names Mistral AI and an ex-PDG of Google
  };

  it('misses only its known misses on the labelled questions, in hybrid and in lexical-only mode', async () => {
    for (const queryEmbeddings of [engine.embeddings, null]) {
      const misses: Record<string, string> = {};
      for (const item of LABELLED_QUESTIONS) {
        const result = await askQuestion({ index: engine.index, queryEmbeddings, maxPassagesPerArticle: 2 }, { question: item.question, k: 5 });
        const verdict = judgeAnswer(item, result);
        if (verdict !== 'right') misses[item.question] = verdict;
      }
      expect(misses).toEqual(KNOWN_MISSES);
    }
  });

  it('answers a "quand" question with a date, and abstains when no sentence gives one', async () => {
    const devDay = await ask('Quand aura lieu le DevDay à Singapour ?');
    expect(devDay.answer).toContain('21 novembre');
    const typedWithoutAccents = await ask('Quand OpenAI a-t-elle ete lancee ?');
    expect(typedWithoutAccents.answer).toContain('2015');
    const launched = await ask('En quelle année OpenAI a-t-elle été lancée ?');
    expect(launched.answer).toContain('2015');
    const mistral = await ask('Quand Mistral AI a-t-elle été créée ?');
    expect(mistral.abstained).toBe(true);
  });

  it('never answers with a heading', async () => {
    const result = await ask('Pourquoi OpenAI a-t-elle choisi Paris ?');
    expect(result.answer).not.toMatch(/^Le choix de Paris et Bruxelles \[/);
  });

  it('every sentence of an answer carries a marker, and every marker has its citation', async () => {
    for (const question of BENCH_QUESTIONS) {
      const result = await ask(question);
      if (result.abstained) continue;
      const markers = [...result.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      expect(markers.length).toBeGreaterThan(0);
      expect(new Set(markers)).toEqual(new Set(result.citations.map((c) => c.index)));
      expect(result.citations.map((c) => c.index)).toEqual(result.citations.map((_, i) => i + 1));
      expect(result.answer.trim()).toMatch(/\[\d+\]$/);
    }
  });

  it('never cites or answers with boilerplate, and excerpts are the exact source text', async () => {
    for (const question of [...BENCH_QUESTIONS, 'Combien coûte Lisa par mois ?', 'Que reste-t-il à lire pour les abonnés ?', 'Partager l’article']) {
      const result = await ask(question, 10);
      for (const marker of BOILERPLATE) expect(result.answer).not.toContain(marker);
      for (const citation of result.citations) {
        for (const marker of BOILERPLATE) expect(citation.excerpt).not.toContain(marker);
        const raw = await readFile(path.join(workspace.corpusDir, citation.source), 'utf8');
        expect(raw.slice(citation.start, citation.end)).toBe(citation.excerpt);
      }
    }
  });
});
