import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeChatCompletions, type FakeChatCompletions } from './helpers/fake-chat-completions.js';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

describe('load: bounded answering, 429 beyond', () => {
  let fake: FakeChatCompletions;
  let app: RunningApp;
  beforeAll(async () => {
    fake = await startFakeChatCompletions();
    // One answer at a time, none waiting: a model that takes its time fills the only place.
    app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '1200', MAX_CONCURRENT: '1', MAX_QUEUE: '0' });
  });
  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  it('answers 429 with Retry-After when the answering places are taken, and answers again once they are free', async () => {
    fake.behaviour = { kind: 'hang' };
    const slow = postJson(`${app.url}/ask`, { question: 'Qui est Janine Korovesis ?' });
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

describe('load: a fair line, a per-client rate, bounded requests', () => {
  const keyA = 'client-a-key-0123456789';
  const keyB = 'client-b-key-0123456789';
  const asClient = (key: string, url: string, body: unknown) =>
    fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` }, body: JSON.stringify(body) });

  it('lets a second client in ahead of a first one\'s burst, and refuses the burst beyond its share', async () => {
    const fake = await startFakeChatCompletions();
    fake.behaviour = { kind: 'hang' };
    // One answer at a time, four places in line: one client may hold the running place and one waiting.
    const app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '600', MAX_CONCURRENT: '1', MAX_QUEUE: '4', API_KEYS: `${keyA},${keyB}` });
    try {
      const question = (who: string, n: number) => ({ question: `Qui est Janine Korovesis ? (${who}${n})` });
      const a1 = asClient(keyA, `${app.url}/ask`, question('a', 1));
      await expect.poll(() => fake.received.length).toBe(1);
      const a2 = asClient(keyA, `${app.url}/ask`, question('a', 2));
      await expect.poll(async () => (await (await fetch(`${app.url}/health`, { headers: { Authorization: `Bearer ${keyA}` } })).json()).load.waiting).toBe(1);
      const a3 = await asClient(keyA, `${app.url}/ask`, question('a', 3));
      expect(a3.status).toBe(429);
      expect((await a3.json()).error.message).toMatch(/this client already has many questions waiting/);
      const b1 = asClient(keyB, `${app.url}/ask`, question('b', 1));
      expect((await Promise.all([a1, a2, b1])).map((response) => response.status)).toEqual([200, 200, 200]);
      // The second client's question reached the model before the first client's second one.
      const order = fake.received.map((request) => /\((\w\d)\)/u.exec(JSON.stringify(request.body))?.[1]);
      expect(order).toEqual(['a1', 'b1', 'a2']);
    } finally {
      await app.stop();
      await fake.close();
    }
  });

  it('answers 429 with RateLimit headers past RATE_LIMIT_PER_MINUTE, per client', async () => {
    const app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3', API_KEYS: `${keyA},${keyB}` });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await asClient(keyA, `${app.url}/search`, { query: 'OpenAI' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await asClient(keyA, `${app.url}/ask`, { question: 'Qui est Janine Korovesis ?' });
      expect(limited.status).toBe(429);
      expect(limited.headers.get('ratelimit-policy')).toMatch(/q=3/);
      expect((await limited.json()).error.code).toBe('rate_limited');
      // Another client is not limited by the first one's requests, and cheap routes never are.
      expect((await asClient(keyB, `${app.url}/search`, { query: 'OpenAI' })).status).toBe(200);
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('does not take a made-up key for a new client when API_KEYS is not set', async () => {
    const app = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await asClient(`made-up-key-number-${i}-abcdef`, `${app.url}/search`, { query: 'OpenAI' })).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await app.stop();
    }
  });

  it('reads only the first words of a wall of words, so the costliest valid question costs about what a long one does', async () => {
    const app = await startTestApp();
    try {
      const question = `Qui est Janine Korovesis ? ${Array.from({ length: 300 }, (_, i) => `mot${i}`).join(' ')}`.slice(0, 2000);
      const history = Array.from({ length: 50 }, (_, i) => ({ role: i % 2 === 0 ? 'user' : 'assistant', content: 'bla '.repeat(250) }));
      const answered = await postJson(`${app.url}/ask`, { question, history, k: 20 });
      expect(answered.status).toBe(200);
      expect(typeof answered.body.answer).toBe('string');
      // The question, or with a follow-up's retry the previous question too: 64 words of each at most.
      expect(answered.body.query.split(/\s+/u).length).toBeLessThanOrEqual(128);
    } finally {
      await app.stop();
    }
  });

  it('sends the headers that keep API answers out of caches and other sites', async () => {
    const app = await startTestApp();
    try {
      const answered = await fetch(`${app.url}/search`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"query":"OpenAI"}' });
      expect(answered.headers.get('cache-control')).toBe('no-store');
      expect(answered.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      const page = await fetch(`${app.url}/`);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(page.headers.get('permissions-policy')).toContain('camera=()');
    } finally {
      await app.stop();
    }
  });
});

describe('sockets: slow clients and too many connections', () => {
  /** A raw TCP client: resolves with what the server sent once it closes the socket. */
  function rawClient(url: string, send: string): { socket: Socket; text: () => string; closed: Promise<{ text: string; afterMs: number }> } {
    const { hostname, port } = new URL(url);
    const socket = connect(Number(port), hostname);
    const started = Date.now();
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.write(send);
    return { socket, text: () => text, closed: new Promise((resolve) => socket.on('close', () => resolve({ text, afterMs: Date.now() - started }))) };
  }

  it('answers 408 and frees the socket when a body never finishes (REQUEST_TIMEOUT_MS)', async () => {
    const app = await startTestApp({ REQUEST_TIMEOUT_MS: '1500' });
    try {
      // Headers promise 1,000 bytes; 10 arrive and then nothing.
      const { closed } = rawClient(app.url, 'POST /ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"questio');
      const result = await closed;
      expect(result.text).toMatch(/^HTTP\/1\.1 408/u);
      expect(result.afterMs).toBeGreaterThanOrEqual(1_400);
    } finally {
      await app.stop();
    }
  });

  it('refuses connections beyond MAX_CONNECTIONS and takes new ones once some close', async () => {
    const app = await startTestApp({ MAX_CONNECTIONS: '2' });
    try {
      const held = [rawClient(app.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n'), rawClient(app.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n')];
      // Both are accepted and answered (and kept open) before the third comes.
      await expect.poll(() => held.every((client) => /^HTTP\/1\.1 200/u.test(client.text()))).toBe(true);
      const third = rawClient(app.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      const refused = await third.closed;
      expect(refused.text).toBe('');
      for (const client of held) client.socket.destroy();
      await Promise.all(held.map((client) => client.closed));
      expect((await fetch(`${app.url}/health`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish before the server stops', async () => {
    const fake = await startFakeChatCompletions();
    fake.behaviour = { kind: 'hang' };
    const app = await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'slow', LLM_TIMEOUT_MS: '800' });
    try {
      const inFlight = postJson(`${app.url}/ask`, { question: 'Qui est Janine Korovesis ?' });
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
