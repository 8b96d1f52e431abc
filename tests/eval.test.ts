import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVAL_CORPORA } from '../tools/eval/eval-corpora.js';
import { holdsKeyFacts } from '../tools/eval/judge.js';
import { aggregate, missedTargets } from '../tools/eval/metrics.js';
import { isAnswerable, loadQuestions, loadSplit } from '../tools/eval/question-set.js';
import { REPO_ROOT } from './helpers/paths.js';

describe('the evaluation', () => {
  it('finds a key fact as whole words, whatever the case, apostrophes and spaces', () => {
    expect(holdsKeyFacts('Elle a levé 6,6 milliards de dollars.', [['6 milliards']])).toBe(false);
    expect(holdsKeyFacts('Elle a levé 6\u00a0milliards de dollars.', [['6 milliards']])).toBe(true);
    expect(holdsKeyFacts('Le mode texte', [['EXT']])).toBe(false);
    expect(holdsKeyFacts("L'équipe d’OpenAI", [["l’équipe d'openai"]])).toBe(true);
    expect(holdsKeyFacts('Thrive Capital a mené le tour.', [['Thrive Capital'], ['2015']])).toBe(false);
  });

  it('has at least 150 questions over the shipped articles and 60 over the second corpus, each in exactly one split', async () => {
    const split = await loadSplit(path.join(REPO_ROOT, 'eval'));
    const counts: Record<string, number> = {};
    for (const corpus of EVAL_CORPORA) {
      const questions = (await Promise.all(corpus.questionFiles.map((file) => loadQuestions(path.join(REPO_ROOT, file))))).flat();
      counts[corpus.name] = questions.length;
      for (const question of questions) expect(split.get(question.id), question.id).toMatch(/^(dev|test)$/);
      const sources = new Set((await corpus.files(REPO_ROOT)).map((file) => path.basename(file)));
      for (const question of questions.filter(isAnswerable)) for (const source of question.sources) expect(sources.has(source), `${question.id}: ${source}`).toBe(true);
      const unanswerable = questions.filter((question) => !isAnswerable(question)).length;
      expect(unanswerable / questions.length).toBeGreaterThanOrEqual(0.2);
    }
    expect(counts['news']).toBeGreaterThanOrEqual(150);
    expect(counts['libreoffice']).toBeGreaterThanOrEqual(60);
  });

  it('counts a wrong answer as confident wrong, and a refusal with no useful passage as a dead end', () => {
    const question = { id: 'q', question: 'q', lang: 'fr', kind: 'literal' as const, sources: ['a'], keyFacts: [['x']] };
    const base = { question, answerable: true, citedRightArticle: false, keyFactInAnswer: false, right: false, hitAt1: true, hitAt3: true, passageReciprocalRank: 1, boilerplate: false, answer: '', totalMs: 1 };
    const wrongAnswer = { ...base, abstained: false, confidentWrong: true, deadEnd: false, refusal: null };
    const deadEnd = { ...base, abstained: true, confidentWrong: false, deadEnd: true, refusal: { reason: 'not_in_corpus' as const, true: false } };
    const metrics = aggregate([wrongAnswer, deadEnd]);
    expect(metrics.confidentWrong).toBe(0.5);
    expect(metrics.deadEnds).toBe(0.5);
    expect(metrics.reasonTrue).toBe(0);
    expect(missedTargets(metrics)).toEqual(expect.arrayContaining(['confident wrong 0.50 > 0.1', 'dead ends 0.50 > 0.15', 'refusal reasons true 0 < 1']));
  });
});
