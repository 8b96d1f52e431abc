import type { QuestionOutcome } from './judge.js';

export interface EvalMetrics {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  passageMrr: number;
  citedArticle: number;
  keyFact: number;
  falseAbstentions: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  boilerplate: number;
  p50Ms: number;
}

export function aggregate(outcomes: QuestionOutcome[]): EvalMetrics {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const abstained = outcomes.filter((o) => o.abstained);
  const share = (list: QuestionOutcome[], test: (o: QuestionOutcome) => boolean) => (list.length === 0 ? 0 : list.filter(test).length / list.length);
  const times = outcomes.map((o) => o.totalMs).sort((a, b) => a - b);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    hitAt1: share(answerable, (o) => o.hitAt1),
    hitAt3: share(answerable, (o) => o.hitAt3),
    passageMrr: answerable.length === 0 ? 0 : answerable.reduce((sum, o) => sum + o.passageReciprocalRank, 0) / answerable.length,
    citedArticle: share(answerable, (o) => o.citedRightArticle),
    keyFact: share(answerable, (o) => o.keyFactInAnswer),
    falseAbstentions: share(answerable, (o) => o.abstained),
    // With no abstention at all, precision is undefined; 1 says "no wrong refusal".
    abstentionPrecision: abstained.length === 0 ? 1 : share(abstained, (o) => !o.answerable),
    abstentionRecall: share(unanswerable, (o) => o.abstained),
    boilerplate: outcomes.filter((o) => o.boilerplate).length,
    p50Ms: times[Math.floor(times.length / 2)] ?? 0,
  };
}

/** The targets, checked on the test split in lexical mode (what runs offline). */
export const TARGETS: { metric: keyof EvalMetrics; label: string; atLeast?: number; atMost?: number }[] = [
  { metric: 'citedArticle', label: 'cited article right', atLeast: 0.9 },
  { metric: 'keyFact', label: 'key fact in the answer', atLeast: 0.8 },
  { metric: 'falseAbstentions', label: 'false abstentions', atMost: 0.1 },
  { metric: 'abstentionRecall', label: 'unanswerable abstained', atLeast: 0.9 },
  { metric: 'boilerplate', label: 'boilerplate in answers', atMost: 0 },
];

export function missedTargets(metrics: EvalMetrics): string[] {
  return TARGETS.flatMap(({ metric, label, atLeast, atMost }) => {
    const value = metrics[metric];
    if (atLeast !== undefined && value < atLeast) return [`${label} ${format(value)} < ${atLeast}`];
    if (atMost !== undefined && value > atMost) return [`${label} ${format(value)} > ${atMost}`];
    return [];
  });
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}
