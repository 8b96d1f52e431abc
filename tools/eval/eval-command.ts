import path from 'node:path';
import type { AppConfig } from '../../src/config.js';
import { fitScorers } from './fit-scorer.js';
import { prepareCorpora } from './prepare-corpora.js';
import type { QuestionOutcome } from './judge.js';
import { aggregate, missedTargets, type EvalMetrics } from './metrics.js';
import { loadSplit, type EvalQuestion, type Split } from './question-set.js';
import { runQuestions } from './run-eval.js';
import type { RetrievalMode } from '../../src/retrieval/hybrid.js';

export interface EvalOptions {
  /** Use the project's tiny test model for the hybrid rows even when the configured model loads. */
  testModel?: boolean;
  /** List the dev split's misses in lexical mode (never the test split's, nor a held-out corpus's: they are not for tuning). */
  showDevMisses?: boolean;
  projectRoot?: string;
}

interface Row {
  corpus: string;
  mode: RetrievalMode;
  split: Split | 'all';
  metrics: EvalMetrics;
}

/**
 * Scores retrieval and answers on every evaluation corpus, leave-one-corpus-out: each corpus is
 * answered with scorer weights and thresholds fitted on the other corpora alone. Prints each corpus's
 * dev and test halves in lexical and hybrid mode, then every corpus side by side with the rates that
 * matter to a user. Exits non-zero when the pooled test halves miss a target in lexical mode.
 */
export async function evalCommand(config: AppConfig, options: EvalOptions = {}): Promise<void> {
  const root = options.projectRoot ?? process.cwd();
  const split = await loadSplit(path.join(root, 'eval'));
  const prepared = await prepareCorpora(config, root, options.testModel ?? false);
  for (const { questions } of prepared) for (const question of questions) splitOf(split, question);

  const rows: Row[] = [];
  const outcomesOf = new Map<string, QuestionOutcome[]>();
  for (const item of prepared) {
    const others = prepared.filter((other) => other !== item);
    const scorers = await fitScorers(others.flatMap((other) => other.examples), `every corpus but ${item.corpus.name}`);
    const modes: RetrievalMode[] = item.engine.embeddings ? ['lexical', 'hybrid'] : ['lexical'];
    for (const mode of modes) {
      const all: QuestionOutcome[] = [];
      for (const part of ['dev', 'test'] as const) {
        const outcomes = await runQuestions({ ...item.context, scorers }, mode, item.questions.filter((question) => splitOf(split, question) === part), config.retrieval.topK);
        rows.push({ corpus: item.corpus.name, mode, split: part, metrics: aggregate(outcomes) });
        outcomesOf.set(`${item.corpus.name}/${mode}/${part}`, outcomes);
        all.push(...outcomes);
      }
      rows.push({ corpus: item.corpus.name, mode, split: 'all', metrics: aggregate(all) });
    }
    const model = item.engine.embeddings ? item.engine.model.id : 'none (lexical only)';
    process.stdout.write(`\n${item.corpus.name}: ${item.corpus.description}; ${(await item.engine.store.describe()).passages} passages; embedding model: ${model}; weights fitted on the ${others.length} other corpora\n`);
    printTable(rows.filter((row) => row.corpus === item.corpus.name), ['mode', 'split']);
    if (options.showDevMisses && !item.corpus.heldOut) printDevMisses(item.corpus.name, outcomesOf.get(`${item.corpus.name}/lexical/dev`) ?? []);
  }
  // Disposed at the end: the corpora share one loaded model.
  for (const item of prepared) {
    await item.engine.embeddings?.dispose();
    await item.engine.close();
  }

  const pooled: Row[] = [];
  for (const mode of ['lexical', 'hybrid'] as const) {
    for (const part of ['test', 'all'] as const) {
      const outcomes = prepared.flatMap(({ corpus }) => (part === 'all' ? ['dev', 'test'] : [part]).flatMap((half) => outcomesOf.get(`${corpus.name}/${mode}/${half}`) ?? []));
      if (outcomes.length > 0) pooled.push({ corpus: 'every corpus', mode, split: part, metrics: aggregate(outcomes) });
    }
  }
  process.stdout.write('\nleave-one-corpus-out, every question of each corpus (each answered with weights fitted without it):\n');
  printTable([...rows.filter((row) => row.split === 'all' && row.mode === 'lexical'), ...rows.filter((row) => row.split === 'all' && row.mode === 'hybrid'), ...pooled], ['corpus', 'mode', 'split']);

  const judged = pooled.find((row) => row.mode === 'lexical' && row.split === 'test');
  const failures = judged ? missedTargets(judged.metrics) : [];
  if (failures.length > 0) {
    process.stdout.write(`\nbelow target (test halves of every corpus, lexical):\n${failures.map((line) => `  ${line}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('\nevery target met on the test halves of every corpus, lexical.\n');
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
  ['key fact', (m) => m.keyFact.toFixed(2)],
  ['literal', (m) => m.keyFactLiteral.toFixed(2)],
  ['conf. wrong', (m) => m.confidentWrong.toFixed(2)],
  ['ans. refused', (m) => m.falseAbstentions.toFixed(2)],
  ['dead ends', (m) => m.deadEnds.toFixed(2)],
  ['unans. refused', (m) => m.abstentionRecall.toFixed(2)],
  ['reason true', (m) => m.reasonTrue.toFixed(2)],
  ['boilerplate', (m) => String(m.boilerplate)],
  ['p50 ms', (m) => m.p50Ms.toFixed(1)],
];

function printTable(rows: readonly Row[], keys: readonly ('corpus' | 'mode' | 'split')[]): void {
  const table = [[...keys, ...COLUMNS.map(([name]) => name)], ...rows.map((row) => [...keys.map((key) => row[key]), ...COLUMNS.map(([, cell]) => cell(row.metrics))])];
  const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  for (const [i, line] of table.entries()) {
    process.stdout.write(`| ${line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |\n`);
    if (i === 0) process.stdout.write(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|\n`);
  }
}

function printDevMisses(corpus: string, outcomes: readonly QuestionOutcome[]): void {
  process.stdout.write(`\ndev misses, ${corpus}, lexical:\n`);
  for (const outcome of outcomes) {
    if (outcome.right) continue;
    const why = !outcome.answerable ? 'answered' : outcome.abstained ? (outcome.deadEnd ? 'dead end' : 'refused') : outcome.citedRightArticle ? 'no key fact' : 'wrong article';
    const reason = outcome.refusal ? ` (${outcome.refusal.reason}${outcome.refusal.true ? '' : ', untrue'})` : '';
    process.stdout.write(`  ✗ ${why.padEnd(13)} ${outcome.question.id} [${outcome.question.kind}] ${outcome.question.question}${reason}\n      → ${outcome.answer.replace(/\s+/g, ' ').slice(0, 220)}\n`);
  }
}
