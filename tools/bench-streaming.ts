/**
 * Streaming latency of POST /ask: time to the first `delta` event and to `done`, with the extractive
 * answerer and with the LLM answerer over a loopback chat completions server that streams a
 * ready answer (so the figure is the product's own overhead, not a model's). Printed beside GET
 * /health on the same server in the same run. Then /v1/chat/completions read by the official
 * `openai` client, over a loopback model that writes its three pieces 50 ms apart: the time to the
 * first content chunk beside the time to the whole answer (the first is about one piece's time when
 * the answer streams as the model writes it, and equals the second when it is sent once whole).
 *
 * Usage: npm run bench:streaming [-- <requests>]
 */
import OpenAI from 'openai';
import { BENCH_QUESTIONS } from '../src/cli/labelled-questions.js';
import { startFakeChatCompletions } from '../tests/helpers/fake-chat-completions.js';
import { startTestApp } from '../tests/helpers/running-app.js';

const requests = Number(process.argv[2] ?? 30);
const fake = await startFakeChatCompletions();
fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis ', 'dirigera le bureau ', 'de Paris [1].'] };
const apps = {
  extractive: await startTestApp(),
  'llm (loopback)': await startTestApp({ LLM_BASE_URL: fake.baseUrl, LLM_MODEL: 'bench' }),
};
try {
  process.stdout.write(`${'answerer'.padEnd(16)}  first delta p50 / p95   done p50 / p95      GET /health p50 (same server)\n`);
  for (const [name, app] of Object.entries(apps)) {
    const first: number[] = [];
    const done: number[] = [];
    const health: number[] = [];
    for (let i = 0; i <= requests; i += 1) {
      const started = performance.now();
      await (await fetch(`${app.url}/health`)).arrayBuffer();
      const healthMs = performance.now() - started;
      const timing = await timeStream(app.url, BENCH_QUESTIONS[i % BENCH_QUESTIONS.length] as string);
      if (i === 0) continue; // warm-up
      first.push(timing.first);
      done.push(timing.done);
      health.push(healthMs);
    }
    process.stdout.write(`${name.padEnd(16)}  ${pair(first).padEnd(22)}  ${pair(done).padEnd(18)}  ${percentile(health, 0.5).toFixed(2)} ms\n`);
  }
  fake.behaviour = { kind: 'stream', chunks: ['Janine Korovesis ', 'dirigera le bureau ', 'de Paris [1].'], delayMs: 50 };
  const client = new OpenAI({ baseURL: `${apps['llm (loopback)'].url}/v1`, apiKey: 'not-needed', maxRetries: 0 });
  const first: number[] = [];
  const done: number[] = [];
  for (let i = 0; i <= Math.min(requests, 20); i += 1) {
    const started = performance.now();
    const stream = await client.chat.completions.create({ model: 'french-news-qa', stream: true, messages: [{ role: 'user', content: 'Qui est Janine Korovesis ?' }] });
    let firstMs = Number.NaN;
    for await (const chunk of stream) if (Number.isNaN(firstMs) && (chunk.choices[0]?.delta?.content ?? '') !== '') firstMs = performance.now() - started;
    if (i === 0) continue;
    first.push(firstMs);
    done.push(performance.now() - started);
  }
  process.stdout.write(`\n/v1/chat/completions, openai client, model writing 3 pieces 50 ms apart\n  first content chunk p50 / p95  ${pair(first)}    whole answer p50 / p95  ${pair(done)}\n`);
} finally {
  for (const app of Object.values(apps)) await app.stop();
  await fake.close();
}

async function timeStream(url: string, question: string): Promise<{ first: number; done: number }> {
  const started = performance.now();
  const response = await fetch(`${url}/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, stream: true }) });
  let first = Number.NaN;
  let text = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    text += Buffer.from(chunk).toString('utf8');
    if (Number.isNaN(first) && text.includes('event: delta')) first = performance.now() - started;
  }
  return { first: Number.isNaN(first) ? performance.now() - started : first, done: performance.now() - started };
}

function percentile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function pair(samples: number[]): string {
  return `${percentile(samples, 0.5).toFixed(2)} / ${percentile(samples, 0.95).toFixed(2)} ms`;
}
