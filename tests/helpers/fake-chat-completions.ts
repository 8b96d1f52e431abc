import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake model does with the next request. */
export type Behaviour =
  | { kind: 'answer'; content: string }
  | { kind: 'stream'; chunks: string[]; delayMs?: number }
  | { kind: 'hang' }
  | { kind: 'garbage' }
  | { kind: 'status'; status: number };

export interface ReceivedRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; messages: { role: string; content: string }[]; stream?: boolean; temperature?: number };
}

export interface FakeChatCompletions {
  /** The base URL to give as LLM_BASE_URL ("http://127.0.0.1:port/v1"). */
  baseUrl: string;
  behaviour: Behaviour;
  /** Behaviours for the next requests, in order, before `behaviour` applies again. */
  queue: Behaviour[];
  received: ReceivedRequest[];
  /** Requests whose client went away before the response ended. */
  closedEarly: number;
  /** Content chunks written so far, over all streamed answers. */
  sentChunks: number;
  close: () => Promise<void>;
}

/**
 * A loopback server speaking the OpenAI chat completions protocol: POST /v1/chat/completions,
 * a JSON completion, or `stream: true` server-sent events ("data: {chunk}" … "data: [DONE]").
 */
export async function startFakeChatCompletions(): Promise<FakeChatCompletions> {
  const fake: FakeChatCompletions = { baseUrl: '', behaviour: { kind: 'answer', content: '' }, queue: [], received: [], closedEarly: 0, sentChunks: 0, close: async () => {} };
  const server: Server = createServer(async (request, response) => {
    const body = JSON.parse((await readBody(request)) || '{}');
    fake.received.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
    response.on('close', () => {
      if (!response.writableFinished) fake.closedEarly += 1;
    });
    const behaviour = fake.queue.shift() ?? fake.behaviour;
    if (request.url !== '/v1/chat/completions') return void response.writeHead(404).end();
    if (behaviour.kind === 'hang') return;
    if (behaviour.kind === 'garbage') return void response.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Bad gateway page</body></html>');
    if (behaviour.kind === 'status') return void response.writeHead(behaviour.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'overloaded' } }));
    const id = 'chatcmpl-test';
    if (behaviour.kind === 'answer') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ id, object: 'chat.completion', created: 0, model: body.model, choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: behaviour.content } }] }));
    }
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: Record<string, string>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    response.write(chunk({ role: 'assistant', content: '' }));
    for (const piece of behaviour.chunks) {
      if (response.destroyed) return;
      await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs ?? 0));
      if (response.destroyed) return;
      response.write(chunk({ content: piece }));
      fake.sentChunks += 1;
    }
    response.write(chunk({}, 'stop'));
    response.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => resolve(text));
  });
}
