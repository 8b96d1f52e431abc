/**
 * Splits the evaluation questions once, at random, into `dev` (tune on it) and `test` (score it at the
 * end, never read its misses), half each within every question file and kind. Ids already in
 * eval/split.json keep their split, so adding questions never moves old ones.
 *
 * Usage: npm run eval:split
 */
import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadQuestions, type EvalQuestion } from './eval/question-set.js';
import { mulberry32 } from './bench/model/weights.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const splitFile = path.join(root, 'eval', 'split.json');
const SEED = 20261201;

const existing: Record<string, 'dev' | 'test'> = JSON.parse(await readFile(splitFile, 'utf8').catch(() => '{}'));
const random = mulberry32(SEED);
const questionDir = path.join(root, 'eval', 'questions');
for (const file of (await readdir(questionDir)).filter((name) => name.endsWith('.json')).sort()) {
  const questions = await loadQuestions(path.join(questionDir, file));
  const byKind = new Map<string, EvalQuestion[]>();
  for (const question of questions) byKind.set(question.kind, [...(byKind.get(question.kind) ?? []), question]);
  for (const group of byKind.values()) {
    const fresh = group.filter((question) => existing[question.id] === undefined);
    for (let i = fresh.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [fresh[i], fresh[j]] = [fresh[j]!, fresh[i]!];
    }
    const devAlready = group.filter((question) => existing[question.id] === 'dev').length;
    const devWanted = Math.max(0, Math.ceil(group.length / 2) - devAlready);
    fresh.forEach((question, i) => (existing[question.id] = i < devWanted ? 'dev' : 'test'));
  }
}
const sorted = Object.fromEntries(Object.entries(existing).sort(([a], [b]) => a.localeCompare(b)));
await writeFile(splitFile, `${JSON.stringify(sorted, null, 1)}\n`);
const counts = Object.values(sorted).reduce<Record<string, number>>((acc, part) => ({ ...acc, [part]: (acc[part] ?? 0) + 1 }), {});
process.stdout.write(`eval/split.json: ${JSON.stringify(counts)}\n`);
