import { askQuestion } from '../answer/ask-question.js';
import type { AppConfig } from '../config.js';
import { LABELLED_QUESTIONS, type LabelledQuestion } from './labelled-questions.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

type Verdict = 'right' | 'wrong answer' | 'wrong source' | 'abstained wrongly' | 'answered wrongly';

/** Scores the answerer on the labelled questions: right answers, right citations, right abstentions. */
export async function evalCommand(config: AppConfig): Promise<void> {
  const engine = await openEngineWithProgress(config);
  const context = { index: engine.index, queryEmbeddings: engine.embeddings, maxPassagesPerArticle: config.retrieval.maxPassagesPerArticle };
  const verdicts: { item: LabelledQuestion; verdict: Verdict }[] = [];
  for (const item of LABELLED_QUESTIONS) {
    const result = await askQuestion(context, { question: item.question, k: config.retrieval.topK });
    verdicts.push({ item, verdict: judge(item, result.answer, result.abstained, result.citations.map((c) => c.source)) });
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

function judge(item: LabelledQuestion, answer: string, abstained: boolean, sources: string[]): Verdict {
  if (item.expect === null) return abstained ? 'right' : 'answered wrongly';
  if (abstained) return 'abstained wrongly';
  if (!answer.includes(item.expect.answerContains)) return 'wrong answer';
  return sources.includes(item.expect.source) ? 'right' : 'wrong source';
}
