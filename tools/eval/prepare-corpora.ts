/** Opens every evaluation corpus and gathers each question's evidence once, for fitting and answering. */
import path from 'node:path';
import { askContextOf, type Engine } from '../../src/engine.js';
import { gatherEvidence, type AskContext } from '../../src/answer/ask-question.js';
import type { AppConfig } from '../../src/config.js';
import { EVAL_CORPORA, type EvalCorpus } from './eval-corpora.js';
import type { FitExample } from './fit-scorer.js';
import { openEvalEngine } from './open-eval-engine.js';
import { loadQuestions, type EvalQuestion } from './question-set.js';

export interface PreparedCorpus {
  corpus: EvalCorpus;
  questions: EvalQuestion[];
  engine: Engine;
  context: AskContext;
  examples: FitExample[];
}

export async function prepareCorpora(config: AppConfig, root: string, forceTestModel: boolean): Promise<PreparedCorpus[]> {
  const prepared: PreparedCorpus[] = [];
  for (const corpus of EVAL_CORPORA) {
    const questions = (await Promise.all(corpus.questionFiles.map((file) => loadQuestions(path.join(root, file))))).flat();
    const engine = await openEvalEngine(config, corpus, root, forceTestModel);
    const context = askContextOf(engine);
    const examples: FitExample[] = [];
    for (const question of questions) {
      const lexical = (await gatherEvidence({ ...context, retrievers: 'lexical' }, question.question, config.retrieval.topK)).input;
      const withModel = engine.embeddings ? (await gatherEvidence({ ...context, retrievers: 'hybrid' }, question.question, config.retrieval.topK)).input : undefined;
      examples.push({ question, lexical, ...(withModel ? { withModel } : {}) });
    }
    prepared.push({ corpus, questions, engine, context, examples });
    process.stderr.write(`${corpus.name}: ${questions.length} questions, ${(await engine.store.describe()).passages} passages\n`);
  }
  return prepared;
}
