import { Router, type Response } from 'express';
import { ABSTENTION_MESSAGES, type Citation } from '../../answer/index.js';
import type { ConversationTurn } from '../../answer/index.js';
import { askQuestion, type AskResult } from '../../answer/index.js';
import { askContextOf, type Engine } from '../../engine.js';
import { detectLanguage } from '../../answer/index.js';
import { clientGone, unlessClientGone } from '../client-gone.js';
import { allowOnly } from '../method-guard.js';
import { chatRequestSchema, LIMITS, type ChatContent } from '../../contracts/index.js';

/** The names a client may ask for; "default" is what chat front ends send when they know no other. */
export const MODEL_NAMES = ['french-news-qa', 'default'] as const;
const CREATED = 1_733_011_200; // 2024-12-01: a fixed date, so /v1/models is the same on every start

/**
 * An OpenAI-compatible chat completions API, so that any OpenAI client or chat front end can use the
 * corpus as a model: the last user message is the question, the earlier ones the history; the answer
 * keeps its [n] markers and ends with its sources, and the structured `citations` ride along in an
 * extra field (in the final chunk when streaming). Errors have OpenAI's shape.
 */
export function openAiCompatibleRoute(engine: Engine): Router {
  const router = Router();
  router.all('/v1/models', allowOnly('GET', 'HEAD'));
  router.get('/v1/models', (_request, response) => {
    response.json({ object: 'list', data: MODEL_NAMES.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'french-news-qa' })) });
  });
  router.all('/v1/chat/completions', allowOnly('POST'));
  router.post('/v1/chat/completions', async (request, response) => {
    const parsed = chatRequestSchema.safeParse(request.body);
    if (!parsed.success) return sendError(response, 400, 'invalid_request_error', parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '));
    const body = parsed.data;
    if (!(MODEL_NAMES as readonly string[]).includes(body.model)) {
      return sendError(response, 404, 'model_not_found', `the model "${body.model.slice(0, 100)}" does not exist here: use one of ${MODEL_NAMES.join(', ')} (GET /v1/models)`);
    }
    const turns = body.messages.filter((message) => message.role === 'user' || message.role === 'assistant').map((message) => ({ role: message.role as 'user' | 'assistant', content: textOf(message.content) }));
    const lastUser = turns.map((turn) => turn.role).lastIndexOf('user');
    const question = turns[lastUser]?.content.trim() ?? '';
    if (question === '') return sendError(response, 400, 'invalid_request_error', 'messages must end with a user message that holds the question');
    if (question.length > LIMITS.questionCharacters) return sendError(response, 400, 'invalid_request_error', `the question is longer than ${LIMITS.questionCharacters} characters`);
    const history: ConversationTurn[] = turns.slice(0, lastUser).map((turn) => ({ role: turn.role, content: turn.content.slice(0, LIMITS.turnCharacters) })).slice(-LIMITS.historyTurns);
    const input = { question, history, k: engine.config.retrieval.topK };
    const gone = clientGone(response);
    const id = `chatcmpl-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      const result = await unlessClientGone(response, (signal) => askQuestion(askContextOf(engine), input, { signal }));
      if (!result) return;
      response.json({
        id,
        object: 'chat.completion',
        created,
        model: body.model,
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: result.answer + sourcesList(result) } }],
        usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
        ...extraFields(result),
      });
      return;
    }
    response.status(200);
    response.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    response.setHeader('Cache-Control', 'no-cache');
    // nginx would otherwise hold the tokens back until its buffer fills.
    response.setHeader('X-Accel-Buffering', 'no');
    response.flushHeaders();
    const chunk = (delta: Record<string, string>, finish: string | null, more: object = {}) =>
      response.write(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }], ...more })}\n\n`);
    chunk({ role: 'assistant', content: '' }, null);
    let streamed = '';
    try {
      // A generated answer is sent token by token as the model writes it; a quoted one is composed whole in milliseconds, then sent.
      const result = await askQuestion(askContextOf(engine), input, {
        onDelta: (text) => {
          streamed += text;
          chunk({ content: text }, null);
        },
        signal: gone,
      });
      if (streamed === '') for (const piece of result.answer.match(/\S+\s*|\s+/gu) ?? []) chunk({ content: piece }, null);
      // What was streamed is not the answer kept (a fallback after the model failed mid-way, a refusal):
      // a chat client cannot take text back, so the kept answer follows, said as such. Markers repaired
      // alone ("[1, 2]" written "[1][2]") are not repeated: the final chunk's citations are the checked ones.
      else if (wordsOf(streamed) !== wordsOf(result.answer)) chunk({ content: `\n\n${CORRECTION[detectLanguage(question) === 'en' ? 'en' : 'fr']}\n${result.answer}` }, null);
      const sources = sourcesList(result);
      if (sources) chunk({ content: sources }, null);
      // The citations come in the final chunk, which clients that merge chunks keep (RAGFlow #8273 loses them).
      chunk({}, 'stop', extraFields(result));
      response.end('data: [DONE]\n\n');
    } catch (error) {
      if (gone.aborted) return;
      response.end(`data: ${JSON.stringify({ error: { message: 'the answer could not be completed; try again', type: 'server_error', code: 'answer_failed', param: null } })}\n\n`);
      throw error;
    }
  });
  return router;
}

/** The answer's words, without its citation markers and spacing: what a reader compares. */
function wordsOf(text: string): string {
  return text.replace(/\[[^\]]{0,40}\]/gu, ' ').replace(/\s+/gu, ' ').trim();
}

function textOf(content: ChatContent | null | undefined): string {
  if (typeof content === 'string') return content;
  return (content ?? []).flatMap((part) => (part.type === 'text' && typeof part.text === 'string' ? [part.text] : [])).join('\n');
}

/** Characters of a closest passage quoted under a refusal: enough to judge it, short enough for a chat. */
const RELATED_EXCERPT = 300;

/**
 * What follows the answer, its [n] markers kept: one line per source, as a chat front end shows it. A
 * refusal that points to the closest passages quotes them, since a chat client shows only the text.
 */
function sourcesList(result: AskResult): string {
  if (result.abstained && (result.related ?? []).length > 0) {
    const lines = (result.related ?? []).map((passage) => {
      const excerpt = passage.excerpt.replace(/\s+/gu, ' ').trim();
      const short = excerpt.length > RELATED_EXCERPT ? `${excerpt.slice(0, RELATED_EXCERPT - 1).replace(/\s+\S*$/u, '')}…` : excerpt;
      return `- ${passage.title ?? passage.source} — ${passage.source} : « ${short} »`;
    });
    const english = Object.values(ABSTENTION_MESSAGES).some((message) => message.en === result.answer);
    return `\n\n${RELATED_HEADING[english ? 'en' : 'fr']}\n${lines.join('\n')}`;
  }
  if (result.citations.length === 0) return '';
  const lines = result.citations.map((citation: Citation) => {
    const where = [citation.outlet, citation.date?.slice(0, 10), citation.page ? `p. ${citation.page}` : null].filter(Boolean).join(', ');
    return `[${citation.index}] ${citation.title ?? citation.source}${where ? ` (${where})` : ''}${citation.url ? ` ${citation.url}` : ` — ${citation.source}`}`;
  });
  return `\n\nSources :\n${lines.join('\n')}`;
}

function extraFields(result: AskResult) {
  return { citations: result.citations, abstained: result.abstained, related: result.related ?? [], unsupported: result.unsupported ?? [], conflicts: result.conflicts ?? [] };
}

const CORRECTION = {
  fr: 'Correction : le texte ci-dessus n’a pas pu être vérifié tel quel ; voici la réponse retenue :',
  en: 'Correction: the text above could not be checked as it was; the answer kept is:',
} as const;

const RELATED_HEADING = { fr: 'Passages les plus proches :', en: 'Closest passages:' } as const;

function sendError(response: Response, status: number, code: string, message: string): void {
  response.status(status).json({ error: { message, type: status === 404 ? 'invalid_request_error' : code, code, param: null } });
}
