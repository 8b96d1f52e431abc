import path from 'node:path';
import type { AppConfig } from '../config.js';
import { askContextOf } from '../engine.js';
import { EVAL_CORPORA } from '../eval/eval-corpora.js';
import { openEvalEngine } from '../eval/open-eval-engine.js';
import type { QuestionOutcome } from '../eval/judge.js';
import { aggregate, missedTargets, type EvalMetrics } from '../eval/metrics.js';
import { loadQuestions, loadSplit, type EvalQuestion, type Split } from '../eval/question-set.js';
import { runQuestions } from '../eval/run-eval.js';
import type { RetrievalMode } from '../retrieval/hybrid.js';

export interface EvalOptions {
  /** Use the project's tiny test model for the dense and hybrid rows even when the configured model loads. */
  testModel?: boolean;
  /** List the dev split's misses (the test split's are never listed: it is not for tuning). */
  showDevMisses?: boolean;
  projectRoot?: string;
}

/**
 * Scores retrieval and answers on both corpora, dev and test splits side by side, in lexical, dense
 * and hybrid mode. Exits non-zero when the test split misses a target in lexical mode.
 */
export async function evalCommand(config: AppConfig, options: EvalOptions = {}): Promise<void> {
  const root = options.projectRoot ?? process.cwd();
  const split = await loadSplit(path.join(root, 'eval'));
  const failures: string[] = [];
  for (const corpus of EVAL_CORPORA) {
    const questions = (await Promise.all(corpus.questionFiles.map((file) => loadQuestions(path.join(root, file))))).flat();
    const engine = await openEvalEngine(config, corpus, root, options.testModel ?? false);
    const modes: RetrievalMode[] = engine.embeddings ? ['lexical', 'dense', 'hybrid'] : ['lexical'];
    const rows: { mode: RetrievalMode; split: Split; metrics: EvalMetrics; outcomes: QuestionOutcome[] }[] = [];
    for (const mode of modes) {
      for (const part of ['dev', 'test'] as const) {
        const selected = questions.filter((question) => splitOf(split, question) === part);
        const outcomes = await runQuestions(askContextOf(engine), mode, selected, config.retrieval.topK);
        rows.push({ mode, split: part, metrics: aggregate(outcomes), outcomes });
      }
    }
    await engine.embeddings?.dispose();
    const model = engine.embeddings ? engine.model.id : 'none (lexical only)';
    process.stdout.write(`\n${corpus.name}: ${corpus.description}; ${engine.index.manifest.counts.passages} passages; embedding model: ${model}\n`);
    printRows(rows);
    if (options.showDevMisses) printDevMisses(rows.filter((row) => row.split === 'dev'));
    const lexicalTest = rows.find((row) => row.mode === 'lexical' && row.split === 'test');
    for (const miss of lexicalTest ? missedTargets(lexicalTest.metrics) : []) failures.push(`${corpus.name} test, lexical: ${miss}`);
  }
  if (failures.length > 0) {
    process.stdout.write(`\nbelow target:\n${failures.map((line) => `  ${line}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('\nevery target met on the test split in lexical mode.\n');
  }
}

function splitOf(split: Map<string, Split>, question: EvalQuestion): Split {
  const part = split.get(question.id);
  if (!part) throw new Error(`eval/split.json has no split for ${question.id}: run npm run eval:split after adding questions`);
  return part;
}

const COLUMNS: [string, (m: EvalMetrics) => string][] = [
  ['questions', (m) => `${m.questions} (${m.answerable} ans.)`],
  ['hit@1', (m) => m.hitAt1.toFixed(2)],
  ['hit@3', (m) => m.hitAt3.toFixed(2)],
  ['MRR', (m) => m.passageMrr.toFixed(2)],
  ['cited ok', (m) => m.citedArticle.toFixed(2)],
  ['key fact', (m) => m.keyFact.toFixed(2)],
  ['false abst.', (m) => m.falseAbstentions.toFixed(2)],
  ['abst. prec.', (m) => m.abstentionPrecision.toFixed(2)],
  ['abst. recall', (m) => m.abstentionRecall.toFixed(2)],
  ['boilerplate', (m) => String(m.boilerplate)],
  ['p50 ms', (m) => m.p50Ms.toFixed(1)],
];

function printRows(rows: { mode: RetrievalMode; split: Split; metrics: EvalMetrics }[]): void {
  const table = [['mode', 'split', ...COLUMNS.map(([name]) => name)], ...rows.map((row) => [row.mode, row.split, ...COLUMNS.map(([, cell]) => cell(row.metrics))])];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  for (const [i, line] of table.entries()) {
    process.stdout.write(`| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |\n`);
    if (i === 0) process.stdout.write(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
  }
}

function printDevMisses(rows: { mode: RetrievalMode; outcomes: QuestionOutcome[] }[]): void {
  for (const { mode, outcomes } of rows) {
    process.stdout.write(`\ndev misses, ${mode}:\n`);
    for (const outcome of outcomes) {
      if (outcome.right) continue;
      const why = !outcome.answerable ? 'answered' : outcome.abstained ? 'abstained' : outcome.citedRightArticle ? 'no key fact' : 'wrong article';
      process.stdout.write(`  ✗ ${why.padEnd(13)} ${outcome.question.id} ${outcome.question.question}\n      → ${outcome.answer.replace(/\s+/g, ' ').slice(0, 220)}\n`);
    }
  }
}
