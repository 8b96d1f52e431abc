import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AskFailure, readAnswerStream } from '../page/ask-stream.js';

/** The bytes of a stream, cut at the given positions, as the network may deliver them. */
function streamOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let last = 0;
  for (const point of [...points, bytes.length]) {
    if (point > last) pieces.push(bytes.slice(last, point));
    last = point;
  }
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(piece);
      controller.close();
    },
  });
}

/** What POST /ask with stream: true sends (src/server/routes/ask.ts): citations, deltas, maybe a reset, done. */
function serverEvents(answer: string, reset: string | null): string {
  const send = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  const words = (text: string) => text.match(/\S+\s*|\s+/gu) ?? [];
  let events = send('citations', { citations: [], abstained: false });
  if (reset !== null) events += words(reset).map((piece) => send('delta', { text: piece })).join('') + send('reset', { citations: [] });
  events += words(answer).map((piece) => send('delta', { text: piece })).join('');
  return events + send('done', { answer, citations: [], abstained: false });
}

describe('the page reads a streamed answer whatever the chunks (fast-check)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\n', '[1]', '«', '😀', '"', '\\', 'data: ', '\n\n', 'event: done'), maxLength: 60 });

  it('gives the answer of `done`, and shows the text streamed so far ending as that answer, for any cut of the bytes', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.option(text, { nil: null }), fc.array(fc.nat(), { maxLength: 12 }), async (answer, reset, cuts) => {
        const shown: string[] = [];
        const bytes = new TextEncoder().encode(serverEvents(answer, reset));
        const result = await readAnswerStream(streamOf(bytes, cuts), new AbortController().signal, { onText: (so) => shown.push(so) });
        expect(result.answer).toBe(answer);
        expect(shown.at(-1) ?? '').toBe(answer.match(/\S+\s*|\s+/gu)?.join('') ?? '');
      }),
      { numRuns: 300 },
    );
  });

  it('says the answer was cut when the stream ends anywhere before `done`', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.nat(), fc.array(fc.nat(), { maxLength: 6 }), async (answer, end, cuts) => {
        const whole = new TextEncoder().encode(serverEvents(answer, null));
        const doneAt = new TextEncoder().encode(serverEvents(answer, null).slice(0, serverEvents(answer, null).lastIndexOf('event: done'))).length;
        const truncated = whole.slice(0, end % (doneAt + 1));
        const failure = await readAnswerStream(streamOf(truncated, cuts), new AbortController().signal, { onText: () => {} }).catch((error: unknown) => error);
        expect(failure).toBeInstanceOf(AskFailure);
        expect((failure as AskFailure).kind).toBe('cut');
      }),
      { numRuns: 200 },
    );
  });

  it('says the answer could not be finished when the server sends an error event', async () => {
    const body = 'event: citations\ndata: {"citations":[]}\n\nevent: error\ndata: {"error":{"code":"answer_failed"}}\n\n';
    const failure = await readAnswerStream(streamOf(new TextEncoder().encode(body), [7, 30]), new AbortController().signal, { onText: () => {} }).catch((error: unknown) => error);
    expect((failure as AskFailure).message).toBe('La réponse n’a pas pu être terminée : réessayez.');
  });
});
