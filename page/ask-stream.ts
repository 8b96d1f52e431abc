import type { AskAnswer, Citation, HistoryTurn } from './api-types.js';
import { REQUEST_ERRORS } from './french.js';

/** Why a question got no answer, in the French the thread shows. `stopped`: the reader pressed Stop. */
export class AskFailure extends Error {
  constructor(
    readonly kind: 'offline' | 'busy' | 'rejected' | 'cut' | 'failed' | 'stopped',
    message: string,
  ) {
    super(message);
  }
}

export interface StreamHandlers {
  /** The text streamed so far (it may start over when the server sends `reset`), and the sources its markers name. */
  onText: (text: string, citations: Citation[]) => void;
}

/**
 * POST /ask with `stream: true`, read as server-sent events: `delta` texts add up to the answer,
 * `reset` starts it over, `done` carries the whole response. A stream that ends without `done` was cut.
 */
export async function askStreaming(question: string, history: HistoryTurn[], signal: AbortSignal, handlers: StreamHandlers): Promise<AskAnswer> {
  let response: Response;
  try {
    response = await fetch('/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ question, history, stream: true }),
      signal,
    });
  } catch (error) {
    throw failureOf(error, signal, new AskFailure('offline', 'Le serveur ne répond pas : vérifiez qu’il est lancé, puis réessayez.'));
  }
  if (!response.ok) throw await refusalOf(response);
  if (!response.body) throw new AskFailure('failed', 'Le serveur a répondu sans réponse : réessayez.');
  return readAnswerStream(response.body, signal, handlers);
}

/** Reads the server-sent events of a streamed answer, whatever the chunks the network cuts it into. */
export async function readAnswerStream(body: ReadableStream<Uint8Array>, signal: AbortSignal, handlers: StreamHandlers): Promise<AskAnswer> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let text = '';
  let citations: Citation[] = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event = /^event: (.*)$/mu.exec(block)?.[1];
        const data: unknown = JSON.parse(/^data: (.*)$/mu.exec(block)?.[1] ?? 'null');
        if (event === 'citations') {
          citations = (data as { citations?: Citation[] } | null)?.citations ?? [];
        } else if (event === 'delta') {
          text += (data as { text?: string } | null)?.text ?? '';
          handlers.onText(text, citations);
        } else if (event === 'reset') {
          text = '';
          citations = (data as { citations?: Citation[] } | null)?.citations ?? [];
          handlers.onText(text, citations);
        } else if (event === 'error') {
          throw new AskFailure('failed', 'La réponse n’a pas pu être terminée : réessayez.');
        } else if (event === 'done') {
          return data as AskAnswer;
        }
      }
    }
  } catch (error) {
    if (error instanceof AskFailure) throw error;
    throw failureOf(error, signal, new AskFailure('cut', 'La réponse a été interrompue en route : réessayez.'));
  }
  throw new AskFailure('cut', 'La réponse a été interrompue en route : réessayez.');
}

function failureOf(error: unknown, signal: AbortSignal, otherwise: AskFailure): AskFailure {
  if (signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) return new AskFailure('stopped', 'Réponse arrêtée.');
  return otherwise;
}

/** A 4xx or 5xx: the API's error code said in French, with the wait a 429 or 503 gives. */
async function refusalOf(response: Response): Promise<AskFailure> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string } } | null;
  const wait = Number(response.headers.get('Retry-After'));
  const inSeconds = Number.isFinite(wait) && wait > 0 ? ` dans ${Math.ceil(wait)} seconde${Math.ceil(wait) > 1 ? 's' : ''}` : ' dans un instant';
  if (response.status === 429) return new AskFailure('busy', `Trop de questions en même temps : réessayez${inSeconds}.`);
  if (response.status === 503) return new AskFailure('busy', `Le serveur est occupé ou redémarre : réessayez${inSeconds}.`);
  const known = REQUEST_ERRORS[body?.error?.code ?? ''];
  if (known) return new AskFailure('rejected', `La question n’a pas pu être posée : ${known}.`);
  return new AskFailure('failed', `Le serveur a répondu une erreur ${response.status} : réessayez.`);
}
