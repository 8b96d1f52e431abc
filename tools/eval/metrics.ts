import type { QuestionOutcome } from './judge.js';

export interface EvalMetrics {
  questions: number;
  answerable: number;
  hitAt1: number;
  hitAt3: number;
  passageMrr: number;
  citedArticle: number;
  /** Of answerable questions: answered with every key fact. */
  keyFact: number;
  /** Of literal questions (asked with the document's own words). */
  keyFactLiteral: number;
  /** Of all questions: answered, and wrong or unanswerable. The worst thing the product can do. */
  confidentWrong: number;
  /** Of answerable questions: refused. */
  falseAbstentions: number;
  /** Of answerable questions: refused, and no related passage holds the answer. */
  deadEnds: number;
  /** Of unanswerable and tempting questions: refused. */
  abstentionRecall: number;
  /** Of refusals: the reason given is true. */
  reasonTrue: number;
  boilerplate: number;
  p50Ms: number;
}

export function aggregate(outcomes: readonly QuestionOutcome[]): EvalMetrics {
  const answerable = outcomes.filter((o) => o.answerable);
  const unanswerable = outcomes.filter((o) => !o.answerable);
  const refused = outcomes.filter((o) => o.refusal !== null);
  const share = (list: readonly QuestionOutcome[], test: (o: QuestionOutcome) => boolean, empty = 0) => (list.length === 0 ? empty : list.filter(test).length / list.length);
  const times = outcomes.map((o) => o.totalMs).sort((a, b) => a - b);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    hitAt1: share(answerable, (o) => o.hitAt1),
    hitAt3: share(answerable, (o) => o.hitAt3),
    passageMrr: answerable.length === 0 ? 0 : answerable.reduce((sum, o) => sum + o.passageReciprocalRank, 0) / answerable.length,
    citedArticle: share(answerable, (o) => o.citedRightArticle),
    keyFact: share(answerable, (o) => o.keyFactInAnswer),
    keyFactLiteral: share(answerable.filter((o) => o.question.kind === 'literal'), (o) => o.keyFactInAnswer),
    confidentWrong: share(outcomes, (o) => o.confidentWrong),
    falseAbstentions: share(answerable, (o) => o.abstained),
    deadEnds: share(answerable, (o) => o.deadEnd),
    abstentionRecall: share(unanswerable, (o) => o.abstained),
    // With no refusal at all, no reason was false.
    reasonTrue: share(refused, (o) => o.refusal?.true === true, 1),
    boilerplate: outcomes.filter((o) => o.boilerplate).length,
    p50Ms: times[Math.floor(times.length / 2)] ?? 0,
  };
}

/** The targets, checked on every corpus's questions pooled, in lexical mode (what runs offline), each corpus left out of fitting. */
export const TARGETS: { metric: keyof EvalMetrics; label: string; atLeast?: number; atMost?: number }[] = [
  { metric: 'confidentWrong', label: 'confident wrong', atMost: 0.1 },
  { metric: 'abstentionRecall', label: 'unanswerable refused', atLeast: 0.9 },
  { metric: 'keyFact', label: 'key fact in the answer', atLeast: 0.6 },
  { metric: 'keyFactLiteral', label: 'key fact, literal questions', atLeast: 0.85 },
  { metric: 'deadEnds', label: 'dead ends', atMost: 0.15 },
  { metric: 'reasonTrue', label: 'refusal reasons true', atLeast: 1 },
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
