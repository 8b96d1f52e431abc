import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatCompletions, type FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

const QUESTION = 'Qui est Janine Korovesis ?';
const KEYS = Array.from({ length: 24 }, (_, i) => `sk-client-${String(i).padStart(2, '0')}-0123456789abcdef`);

/** A question from one client (its own key), which can hang up. */
function askAs(app: RunningApp, key: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${app.url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ question: QUESTION }), signal });
}

async function load(app: RunningApp): Promise<{ answering: number; waiting: number }> {
  const health = await (await fetch(`${app.url}/health`, { headers: { authorization: `Bearer ${KEYS[0]}` } })).json();
  return { answering: health.load.answering, waiting: health.load.waiting };
}

describe('streaming as the answer is produced, and work that stops when its client goes away (loopback LLM)', () => {
  let fake: FakeChatCompletions;
  let app: RunningApp;
  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '20000', MAX_CONCURRENT: '1', MAX_QUEUE: '20', API_KEYS: KEYS.join(',') });
  });
  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('streams /v1/chat/completions token by token to the official openai client, before the model has finished, citations in the final chunk', async () => {
    const pieces = ['Janine Korovesis ', 'dirigera ', 'le bureau ', 'de Paris [1].'];
    fake.behaviour = { kind: 'stream', chunks: pieces, delayMs: 150 };
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: KEYS[1]!, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'french-news-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    const sentBefore = fake.sentChunks;
    let text = '';
    let sentWhenFirstSeen: number | null = null;
    let last: any = null;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content ?? '';
      if (delta !== '' && sentWhenFirstSeen === null) sentWhenFirstSeen = fake.sentChunks - sentBefore;
      text += delta;
      last = chunk;
    }
    // The first words reached the client while the model still had words to send.
    expect(sentWhenFirstSeen).not.toBeNull();
    expect(sentWhenFirstSeen!).toBeLessThan(pieces.length);
    expect(text.startsWith('Janine Korovesis dirigera le bureau de Paris [1].')).toBe(true);
    expect(text).toMatch(/\n\nSources :\n\[1\] /u);
    expect(last.choices[0].finish_reason).toBe('stop');
    expect(last.citations[0].source).toBe('000_71dcd0df67353d15.txt');
  });

  it('does not repeat a streamed answer whose markers alone were repaired: the final chunk carries the checked citations', async () => {
    fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis ', 'dirigera le bureau de Paris [Source 1].'] };
    const client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: KEYS[1]!, maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: 'french-news-qa', stream: true, messages: [{ role: 'user', content: QUESTION }] });
    let text = '';
    let last: any = null;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      last = chunk;
    }
    expect(text).not.toContain('Correction');
    expect(text.split('dirigera le bureau').length).toBe(2);
    expect(last.citations.map((citation: { index: number }) => citation.index)).toEqual([1]);
  });

  it('stops the model when a client of POST /ask or of a non-streamed chat completion hangs up', async () => {
    for (const send of [
      (signal: AbortSignal) => askAs(app, KEYS[2]!, signal),
      (signal: AbortSignal) =>
        fetch(`${app.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS[2]}` },
          body: JSON.stringify({ model: 'french-news-qa', messages: [{ role: 'user', content: QUESTION }] }),
          signal,
        }),
    ]) {
      fake.behaviour = { kind: 'hang' };
      const before = { received: fake.received.length, closed: fake.closedEarly };
      const controller = new AbortController();
      const pending = send(controller.signal).catch(() => null);
      await expect.poll(() => fake.received.length).toBe(before.received + 1);
      controller.abort();
      await pending;
      await expect.poll(() => fake.closedEarly).toBe(before.closed + 1);
      await expect.poll(() => load(app)).toEqual({ answering: 0, waiting: 0 });
    }
  });

  it('frees at once the places of 20 waiting clients that hang up', async () => {
    fake.behaviour = { kind: 'hang' };
    const receivedBefore = fake.received.length;
    const holder = new AbortController();
    const held = askAs(app, KEYS[3]!, holder.signal).catch(() => null);
    await expect.poll(() => load(app)).toEqual({ answering: 1, waiting: 0 });
    const waiting = KEYS.slice(4, 24).map((key) => {
      const controller = new AbortController();
      return { controller, response: askAs(app, key, controller.signal).catch(() => null) };
    });
    await expect.poll(() => load(app)).toEqual({ answering: 1, waiting: 20 });
    // The line is full: one more is refused.
    expect((await askAs(app, KEYS[0]!)).status).toBe(429);
    for (const client of waiting) client.controller.abort();
    await Promise.all(waiting.map((client) => client.response));
    await expect.poll(() => load(app)).toEqual({ answering: 1, waiting: 0 });
    // The 20 places are free: 20 new clients are let in line (none refused).
    const next = KEYS.slice(4, 24).map((key) => {
      const controller = new AbortController();
      return { controller, response: askAs(app, key, controller.signal).catch(() => null) };
    });
    await expect.poll(() => load(app)).toEqual({ answering: 1, waiting: 20 });
    for (const client of next) client.controller.abort();
    holder.abort();
    await held;
    await Promise.all(next.map((client) => client.response));
    await expect.poll(() => load(app)).toEqual({ answering: 0, waiting: 0 });
    // Only the holder reached the model: the ones who left while waiting never cost a call.
    expect(fake.received.length - receivedBefore).toBe(1);
  });
});
