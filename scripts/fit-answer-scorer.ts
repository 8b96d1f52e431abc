/**
 * Fits the extractive answerer's scorer on the dev split of both evaluation corpora, and writes
 * src/answer/scorer-weights.ts. The test split is never read here.
 *
 * - Each answer unit of each dev question is labelled 1 when it belongs to one of the question's
 *   articles and holds one of its key facts, else 0 (every unit of an unanswerable question is 0).
 * - A logistic regression with L2 penalty is fitted on those units, positives weighted so that both
 *   classes count alike: once without dense features (lexical mode), once with them (the model loaded;
 *   offline that is the tiny test model, so these weights are a starting point for a real model).
 * - The abstention threshold and the relative cut-off for further sentences are then chosen by a grid
 *   search that maximises the dev questions judged right by the evaluation's own rules.
 *
 * Usage: npm run fit-answer-scorer
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FEATURE_NAMES, type FeatureName } from '../src/answer/answer-features.js';
import { gatherEvidence } from '../src/answer/ask-question.js';
import { composeAnswer, scoreAnswerUnits, type ExtractiveInput } from '../src/answer/extractive-answerer.js';
import type { LogisticModel, ScorerWeights } from '../src/answer/scorer-weights.js';
import { answerFeatures } from '../src/answer/answer-scorer.js';
import { loadConfig } from '../src/config.js';
import { askContextOf } from '../src/engine.js';
import { EVAL_CORPORA } from '../src/eval/eval-corpora.js';
import { holdsAnyKeyFact, isRightAnswer } from '../src/eval/judge.js';
import { openEvalEngine } from '../src/eval/open-eval-engine.js';
import { isAnswerable, loadQuestions, loadSplit, type EvalQuestion } from '../src/eval/question-set.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const L2 = 0.001;
const ITERATIONS = 4000;
const LEARNING_RATE = 2;
/**
 * A wrong answer costs more than a refusal: a reader trusts what is cited. Counted against the right
 * ones when the threshold is chosen (1 would answer only when right more often than wrong).
 */
const WRONG_ANSWER_COST = 0.5;
/** Grid points on each side that the threshold's dev score is averaged over. */
const THRESHOLD_SMOOTHING = 2;
/** Few features for the answer model: it is fitted on one row per dev question. */
const ANSWER_MODEL_FEATURES = ['bestProbability', 'contextCoverageOfAll', 'knownShare', 'typeAbsent', 'namesMissing', 'attributeMissing'];
const DENSE_FEATURES: FeatureName[] = ['denseGap', 'unitDenseGap'];

interface Example {
  question: EvalQuestion;
  input: ExtractiveInput;
}

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, root);
const split = await loadSplit(path.join(root, 'eval'));
const lexicalExamples: Example[] = [];
const modelExamples: Example[] = [];
for (const corpus of EVAL_CORPORA) {
  const questions = (await Promise.all(corpus.questionFiles.map((file) => loadQuestions(path.join(root, file))))).flat();
  const dev = questions.filter((question) => split.get(question.id) === 'dev');
  const engine = await openEvalEngine(config, corpus, root, true);
  const context = askContextOf(engine);
  for (const question of dev) {
    lexicalExamples.push({ question, input: (await gatherEvidence({ ...context, retrievers: 'lexical' }, question.question, config.retrieval.topK)).input });
    modelExamples.push({ question, input: (await gatherEvidence({ ...context, retrievers: 'hybrid' }, question.question, config.retrieval.topK)).input });
  }
}

const lexical = await fit(lexicalExamples, FEATURE_NAMES.filter((name) => !DENSE_FEATURES.includes(name)));
const withModel = await fit(modelExamples, [...FEATURE_NAMES]);
const fittedOn = `dev split, ${lexicalExamples.length} questions of ${EVAL_CORPORA.map((c) => c.name).join(' and ')} (${new Date().toISOString().slice(0, 10)})`;
const header = (await readFile(path.join(root, 'src/answer/scorer-weights.ts'), 'utf8')).split('export const SCORER_WEIGHTS')[0];
const source = `${header}
export const SCORER_WEIGHTS: { fittedOn: string; models: { lexical: ScorerWeights; withModel: ScorerWeights } } = ${JSON.stringify({ fittedOn, models: { lexical, withModel } }, null, 2)};
`;
await writeFile(path.join(root, 'src/answer/scorer-weights.ts'), source);
process.stdout.write(`wrote src/answer/scorer-weights.ts (${fittedOn})\n`);

async function fit(examples: Example[], features: FeatureName[]): Promise<ScorerWeights> {
  const unitRows: { x: number[]; y: number }[] = [];
  for (const { question, input } of examples) {
    const scored = await scoreAnswerUnits(input);
    for (const { unit, features: values } of scored.units) {
      const positive = isAnswerable(question) && question.sources.includes(unit.retrieved.passage.source) && holdsAnyKeyFact(unit.text, question.keyFacts);
      unitRows.push({ x: features.map((name) => values[name]), y: positive ? 1 : 0 });
    }
  }
  const unit = logisticRegression(unitRows, features, true);
  const placeholder: ScorerWeights = { unit, answer: { bias: 0, weights: {} }, threshold: 0, relativeCutoff: 0.8 };

  // The answer model learns when the best unit's answer is right; its features are the best unit's.
  const answerNames = ANSWER_MODEL_FEATURES;
  const rescored = await Promise.all(examples.map(async (example) => ({ ...example, scored: await scoreAnswerUnits({ ...example.input, scorer: placeholder }) })));
  let best = { right: -1, threshold: 0.5, relativeCutoff: 0.8, answer: placeholder.answer };
  for (const relativeCutoff of [0.6, 0.7, 0.8, 0.9]) {
    const answerRows = rescored.map(({ question, input, scored }) => {
      const top = scored.units[0];
      const values = top ? answerFeatures(top.features, top.probability, scored.units[1]?.probability ?? 0) : {};
      const answer = composeAnswer(input, scored, { ...placeholder, relativeCutoff });
      return { x: answerNames.map((name) => values[name] ?? 0), y: isRightAnswer(question, answer) && !answer.abstained && isAnswerable(question) ? 1 : 0 };
    });
    const answerModel = logisticRegression(answerRows, answerNames, false);
    const curve: { threshold: number; right: number }[] = [];
    for (let threshold = 0.02; threshold <= 0.98; threshold += 0.02) {
      let right = 0;
      for (const { question, input, scored } of rescored) {
        const answer = composeAnswer(input, scored, { answer: answerModel, threshold, relativeCutoff });
        right += isRightAnswer(question, answer) ? 1 : answer.abstained ? 0 : -WRONG_ANSWER_COST;
      }
      curve.push({ threshold, right });
    }
    curve.forEach(({ threshold }, i) => {
      const right = smoothedAt(curve, i);
      if (right > best.right) best = { right, threshold, relativeCutoff, answer: answerModel };
    });
  }
  const positives = unitRows.filter((row) => row.y === 1).length;
  process.stdout.write(
    `${features.length} unit features, ${unitRows.length} units (${positives} positive): score ${best.right.toFixed(1)} (right − ${WRONG_ANSWER_COST} × wrong answers, averaged over ±${THRESHOLD_SMOOTHING} thresholds) on ${examples.length} dev questions at threshold ${best.threshold.toFixed(2)}, cut-off ${best.relativeCutoff}\n`,
  );
  return { unit, answer: best.answer, threshold: round(best.threshold), relativeCutoff: best.relativeCutoff };
}

/**
 * The dev score around a threshold (mean over the neighbouring grid points): on 128 questions a few
 * probabilities just above one grid point make a spike there that another sample would not repeat.
 */
function smoothedAt(curve: readonly { right: number }[], i: number): number {
  const window = curve.slice(Math.max(0, i - THRESHOLD_SMOOTHING), i + THRESHOLD_SMOOTHING + 1);
  return window.reduce((sum, point) => sum + point.right, 0) / window.length;
}

/** L2-penalised logistic regression by gradient descent; `balanced` weighs the rare positives up to count as much as the negatives. */
function logisticRegression(rows: { x: number[]; y: number }[], names: readonly string[], balanced: boolean): LogisticModel {
  const positives = rows.filter((row) => row.y === 1).length;
  const positiveWeight = balanced && positives > 0 ? (rows.length - positives) / positives : 1;
  let bias = 0;
  const w = names.map(() => 0);
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    let gradBias = 0;
    const grad = names.map(() => 0);
    let totalWeight = 0;
    for (const { x, y } of rows) {
      const z = bias + x.reduce((sum, value, i) => sum + value * (w[i] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      const weight = y === 1 ? positiveWeight : 1;
      totalWeight += weight;
      gradBias += weight * (p - y);
      x.forEach((value, i) => (grad[i] = (grad[i] ?? 0) + weight * (p - y) * value));
    }
    bias -= (LEARNING_RATE * gradBias) / totalWeight;
    w.forEach((value, i) => (w[i] = value - LEARNING_RATE * ((grad[i] ?? 0) / totalWeight + L2 * value)));
  }
  return { bias: round(bias), weights: Object.fromEntries(names.map((name, i) => [name, round(w[i] ?? 0)])) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
