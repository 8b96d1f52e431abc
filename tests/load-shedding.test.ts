import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatCompletions, type FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

describe('load: bounded answering, 429 beyond', () => {
  let fake: FakeChatCompletions;
  let app: RunningApp;
  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    // One answer at a time, none waiting: a model that takes its time fills the only place.
    app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '1200', ANSWER_CONCURRENCY: '1', ANSWER_QUEUE: '0' });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('answers 429 with Retry-After when the answering places are taken, and answers again once they are free', async () => {
    fake.behaviour = { kind: 'hang' };
    const slow = postJson(`${app.url}/ask`, { question: 'Qui dirigera le bureau de Paris ?' });
    await expect.poll(() => fake.received.length).toBe(1);
    const refused = await postJson(`${app.url}/search`, { query: 'OpenAI' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.body.error.code).toBe('too_many_requests');
    // Cheap routes are not queued.
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
    expect((await slow).status).toBe(200);
    expect((await postJson(`${app.url}/search`, { query: 'OpenAI' })).status).toBe(200);
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish before the server stops', async () => {
    const fake = await startFakeChatCompletions();
    fake.behaviour = { kind: 'hang' };
    const app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '800' });
    try {
      const inFlight = postJson(`${app.url}/ask`, { question: 'Qui dirigera le bureau de Paris ?' });
      await expect.poll(() => fake.received.length).toBe(1);
      const stopped = app.stop();
      const answered = await inFlight;
      expect(answered.status).toBe(200);
      expect(answered.body.answer).toContain('Janine Korovesis');
      await stopped;
    } finally {
      await fake.close();
    }
  });
});
