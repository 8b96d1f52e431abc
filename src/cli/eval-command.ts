import { askQuestion } from '../answer/ask-question.js';
import type { AppConfig } from '../config.js';
import { askContextOf } from '../engine.js';
import { judgeAnswer, LABELLED_QUESTIONS, type LabelledQuestion, type Verdict } from './labelled-questions.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

/** Scores the answerer on the labelled questions: right answers, right citations, right abstentions. */
export async function evalCommand(config: AppConfig): Promise<void> {
  const engine = await openEngineWithProgress(config);
  const context = askContextOf(engine);
  const verdicts: { item: LabelledQuestion; verdict: Verdict }[] = [];
  for (const item of LABELLED_QUESTIONS) {
    const result = await askQuestion(context, { question: item.question, k: config.retrieval.topK });
    verdicts.push({ item, verdict: judgeAnswer(item, result) });
  }
  for (const { item, verdict } of verdicts) {
    process.stdout.write(`${verdict === 'right' ? '✓' : '✗'} ${verdict.padEnd(17)} ${item.question}\n`);
  }
  const answerable = verdicts.filter(({ item }) => item.expect !== null);
  const unanswerable = verdicts.filter(({ item }) => item.expect === null);
  const right = (list: typeof verdicts) => list.filter(({ verdict }) => verdict === 'right').length;
  process.stdout.write(
    `\nmode: ${engine.embeddings ? `hybrid (${engine.model.id})` : 'lexical only'}\n` +
      `answerable questions answered right, citing the right article: ${right(answerable)}/${answerable.length}\n` +
      `unanswerable questions abstained on: ${right(unanswerable)}/${unanswerable.length}\n`,
  );
}
