/** Runs every question of one corpus through retrieval and the answerer, in one retrieval mode. */
import { askQuestion, lexicalQueryOf, type AskContext } from '../../src/answer/ask-question.js';
import { searchHybrid, type RetrievalMode } from '../../src/retrieval/hybrid.js';
import { holdsAnyKeyFact, holdsKeyFacts, isRightAnswer, refusalReasonIsTrue, type QuestionOutcome } from './judge.js';
import { isAnswerable, type EvalQuestion } from './question-set.js';

/** Lines of the shipped captures' web furniture and of the help pages' "related topics" lists: never part of an answer. */
const BOILERPLATE_MARKERS = ['Il vous reste encore à lire', 'Partager', 'Catégories', 'LIRE AUSSI', 'MonsterInsights', 'Découvrez Lisa', 'Rubriques connexes'];
/** Passages ranked for the passage MRR. */
const MRR_DEPTH = 10;

export async function runQuestions(context: AskContext, mode: RetrievalMode, questions: EvalQuestion[], k: number): Promise<QuestionOutcome[]> {
  const modeContext: AskContext = { ...context, retrievers: mode };
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) {
    const retrieval = await searchHybrid(context.store, context.queryEmbeddings, question.question, {
      k: MRR_DEPTH,
      maxPassagesPerArticle: context.maxPassagesPerArticle,
      retrievers: mode,
      lexicalQuery: lexicalQueryOf(question.question),
    });
    const articles = [...new Set(retrieval.passages.map((item) => item.passage.source))];
    const rightArticle = (source: string) => question.sources.includes(source);
    const factRank = retrieval.passages.findIndex((item) => rightArticle(item.passage.source) && holdsAnyKeyFact(item.passage.text, question.keyFacts));
    const result = await askQuestion(modeContext, { question: question.question, k });
    const right = isRightAnswer(question, result);
    const relatedHolds = (result.related ?? []).some((passage) => rightArticle(passage.source) && holdsKeyFacts(passage.excerpt, question.keyFacts));
    const reason = result.abstained ? (result.abstention?.reason ?? 'not_stated') : null;
    outcomes.push({
      question,
      answerable: isAnswerable(question),
      abstained: result.abstained,
      citedRightArticle: !result.abstained && result.citations.some((citation) => rightArticle(citation.source)),
      keyFactInAnswer: !result.abstained && holdsKeyFacts(result.answer, question.keyFacts),
      right,
      confidentWrong: !result.abstained && !right,
      deadEnd: isAnswerable(question) && result.abstained && !relatedHolds,
      refusal: reason ? { reason, true: refusalReasonIsTrue(question, reason) } : null,
      hitAt1: articles.slice(0, 1).some(rightArticle),
      hitAt3: articles.slice(0, 3).some(rightArticle),
      passageReciprocalRank: factRank < 0 ? 0 : 1 / (factRank + 1),
      boilerplate: BOILERPLATE_MARKERS.some((marker) => result.answer.includes(marker)),
      answer: result.answer,
      totalMs: result.timings.totalMs,
    });
  }
  return outcomes;
}
