/**
 * Fits the extractive answerer's scorer on every question of every evaluation corpus and writes
 * src/answer/scorer-weights.ts: the weights the product ships with. (npm run eval judges each corpus
 * with weights fitted without it instead: see tools/eval/fit-scorer.ts.)
 *
 * Usage: npm run fit-answer-scorer
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.js';
import { fitScorers } from './eval/fit-scorer.js';
import { prepareCorpora } from './eval/prepare-corpora.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' }, root);
const prepared = await prepareCorpora(config, root, true);
const questions = prepared.reduce((sum, item) => sum + item.questions.length, 0);
const fittedOn = `${questions} questions of ${prepared.map((item) => item.corpus.name).join(', ')} (${new Date().toISOString().slice(0, 10)})`;
const scorers = await fitScorers(
  prepared.flatMap((item) => item.examples),
  fittedOn,
);
for (const item of prepared) await item.engine.embeddings?.dispose();
const file = path.join(root, 'src/answer/scorer-weights.ts');
const header = (await readFile(file, 'utf8')).split('export const SCORER_WEIGHTS')[0];
await writeFile(file, `${header}export const SCORER_WEIGHTS: ScorerSet = ${JSON.stringify(scorers, null, 2)};\n`);
process.stdout.write(`wrote src/answer/scorer-weights.ts (${fittedOn}; threshold ${scorers.threshold})\n`);
