import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { percentile } from './latency.js';
import { costlyAskVariants, type CostlyAsk } from './costly-ask.js';
import { LOAD_QUESTIONS } from './load-questions.js';
import { startServerProcess, type BenchModel, type ServerProcess } from './server-process.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface LoadRunOptions {
  /** Seconds of each run (the /health baseline always runs 5 s). Default 30. */
  durationSeconds?: number;
  /** Concurrent connections of each run. Default 50. */
  connections?: number;
  /** Default `tiny` (the shipped test model, hybrid retrieval); `none` runs lexical-only. */
  model?: BenchModel;
  projectRoot?: string;
  /** Extra server settings (MAX_CONCURRENT, MAX_QUEUE…). */
  serverEnv?: Record<string, string>;
  /**
   * Default true: every connection is its own client (its own API key, API_KEYS set on the server),
   * and the adversarial connections share one key, as one abusive client would; false: all traffic
   * comes from one client (one loopback address), which the server's per-client fairness caps.
   */
  distinctClients?: boolean;
  /** Default false: the per-client rate limit is turned off (RATE_LIMIT_PER_MINUTE=0), so the runs measure capacity, not the policy. */
  rateLimit?: boolean;
  /** Seconds before autocannon counts a request as timed out. Default 10 (autocannon's). */
  timeoutSeconds?: number;
  /** Progress lines; default stderr. */
  log?: (line: string) => void;
}

/** One autocannon run (or one side of the mixed run). Latencies are those of 2xx responses, in ms. */
export interface LoadRow {
  name: string;
  connections: number;
  durationSeconds: number;
  /** Responses per second, every status included (autocannon's per-second mean). */
  requestsPerSecond: number;
  /** Responses with a 2xx status. */
  ok: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Non-2xx responses other than 429. */
  errors: number;
  /** 429 Too Many Requests: load shed by the server's bounded queue, expected under overload. */
  tooManyRequests: number;
  /** The 429s by the server's reason (its error message up to the first colon). */
  tooManyReasons: Record<string, number>;
  timeouts: number;
  /** Connection errors other than timeouts (resets, refused). */
  socketErrors: number;
  /** Every status seen, with its count. */
  statuses: Record<string, number>;
  /** Socket error codes seen (ECONNRESET…), with their count. */
  errorCodes: Record<string, number>;
}

export interface LoadReport {
  model: BenchModel;
  /** From GET /health: `hybrid` or `lexical`. */
  mode: string;
  connections: number;
  durationSeconds: number;
  /** GET /health at the same connections for 5 s: the HTTP floor of this server on this machine, in this run. */
  baseline: LoadRow;
  ask: LoadRow;
  search: LoadRow;
  mixed: { normal: LoadRow; adversarial: LoadRow };
  /** The adversarial /ask chosen (the slowest variant, timed alone before the runs). */
  costlyAsk: { name: string; bodyBytes: number; questionChars: number; historyTurns: number; k: number; aloneMs: Record<string, number> };
  /** What the server wrote on stderr during the runs (with LOG_LEVEL=silent, normally nothing). */
  serverStderr: string[];
}

const BASELINE_SECONDS = 5;
const WARM_UP_SECONDS = 3;
const JSON_HEADERS = { 'content-type': 'application/json' };

/**
 * Load benchmark of the real server, in a child process: /health (the floor), /ask and /search with
 * rotating French questions about the shipped articles, then /ask users beside clients sending the
 * costliest valid /ask, measured separately. 429s are counted apart: the server sheds load on purpose.
 */
export async function runLoadBenchmark(options: LoadRunOptions = {}): Promise<LoadReport> {
  const durationSeconds = options.durationSeconds ?? 30;
  const connections = options.connections ?? 50;
  const model = options.model ?? 'tiny';
  const projectRoot = options.projectRoot ?? PROJECT_ROOT;
  const timeout = options.timeoutSeconds ?? 10;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (!Number.isInteger(connections) || connections < 2) throw new Error('connections must be a whole number of at least 2 (the mixed run splits them)');
  if (!(durationSeconds > 0)) throw new Error('duration must be a positive number of seconds');

  const variants = await costlyAskVariants(path.join(projectRoot, 'corpus'));
  const distinctClients = options.distinctClients ?? true;
  // One key per connection of the widest run, and one for the abusive client.
  const keys = Array.from({ length: connections + 1 }, (_, i) => `load-bench-client-${String(i).padStart(4, '0')}`);
  const attackerKey = keys[connections] as string;
  const serverEnv: Record<string, string> = {
    ...(options.rateLimit ? {} : { RATE_LIMIT_PER_MINUTE: '0' }),
    ...(distinctClients ? { API_KEYS: keys.join(',') } : {}),
    ...options.serverEnv,
  };
  const clientKeys = distinctClients ? keys.slice(0, connections) : null;
  const attackerKeys = distinctClients ? [attackerKey] : null;
  log(`starting the server (model: ${model}; the index is built in a temporary directory)…`);
  const server = await startServerProcess({ projectRoot, model, env: serverEnv });
  try {
    const health = (await (await fetch(`${server.url}/health`, { headers: authorization(attackerKeys) })).json()) as { mode?: string };
    const mode = health.mode ?? 'unknown';
    log(`server ready at ${server.url} (pid ${server.pid}, mode ${mode}); warm-up ${WARM_UP_SECONDS} s`);
    const askRequests = LOAD_QUESTIONS.map((question) => postJson('/ask', { question }));
    const searchRequests = LOAD_QUESTIONS.map((query) => postJson('/search', { query }));
    await run(server, 'warm-up', { connections: Math.min(connections, 10), duration: WARM_UP_SECONDS, timeout, keys: clientKeys, requests: interleave(askRequests, searchRequests) });
    const costly = await chooseCostliest(server.url, variants, authorization(attackerKeys));
    log(`adversarial /ask: ${costly.chosen.name} (${costly.chosen.bodyBytes} bytes; alone: ${Object.entries(costly.aloneMs).map(([name, ms]) => `${name} ${ms.toFixed(0)} ms`).join(', ')})`);

    log(`GET /health × ${connections} connections, ${BASELINE_SECONDS} s`);
    const baseline = await run(server, 'GET /health (floor)', { connections, duration: BASELINE_SECONDS, timeout, keys: clientKeys, requests: [{ method: 'GET', path: '/health' }] });
    log(`POST /ask × ${connections} connections, ${durationSeconds} s`);
    const ask = await run(server, 'POST /ask', { connections, duration: durationSeconds, timeout, keys: clientKeys, requests: askRequests });
    log(`POST /search × ${connections} connections, ${durationSeconds} s`);
    const search = await run(server, 'POST /search', { connections, duration: durationSeconds, timeout, keys: clientKeys, requests: searchRequests });
    const adversarialConnections = Math.max(1, Math.round(connections / 5));
    const normalConnections = connections - adversarialConnections;
    log(`mixed: POST /ask × ${normalConnections} beside the costly /ask × ${adversarialConnections}, ${durationSeconds} s`);
    const [normal, adversarial] = await Promise.all([
      run(server, 'mixed: /ask users', { connections: normalConnections, duration: durationSeconds, timeout, keys: clientKeys, requests: askRequests }),
      run(server, 'mixed: costly /ask', { connections: adversarialConnections, duration: durationSeconds, timeout, keys: attackerKeys, requests: [postJson('/ask', costly.chosen.body)] }),
    ]);
    const early = server.exitedEarly();
    if (early) throw new Error(`the server exited during the runs (${early.signal ?? `exit code ${early.code}`}): ${server.stderrAfterReady.slice(-10).join('\n')}`);
    return {
      model,
      mode,
      connections,
      durationSeconds,
      baseline,
      ask,
      search,
      mixed: { normal, adversarial },
      costlyAsk: {
        name: costly.chosen.name,
        bodyBytes: costly.chosen.bodyBytes,
        questionChars: costly.chosen.body.question.length,
        historyTurns: costly.chosen.body.history?.length ?? 0,
        k: costly.chosen.body.k ?? 0,
        aloneMs: costly.aloneMs,
      },
      serverStderr: [...server.stderrAfterReady],
    };
  } finally {
    await server.stop();
  }
}

/** The report as a plain aligned table (one row per run), with a header line naming the setting. */
export function formatLoadTable(report: LoadReport): string {
  const rows = [report.baseline, report.ask, report.search, report.mixed.normal, report.mixed.adversarial];
  const header = ['run', 'conns', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', '429', 'timeouts/socket'];
  const cells = rows.map((row) => [
    row.name,
    String(row.connections),
    row.requestsPerSecond.toFixed(1),
    ms(row.p50Ms),
    ms(row.p99Ms),
    ms(row.maxMs),
    String(row.errors),
    String(row.tooManyRequests),
    `${row.timeouts}/${row.socketErrors}`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...cells.map((cell) => (cell[i] as string).length)));
  const line = (cell: string[]) => cell.map((value, i) => (i === 0 ? value.padEnd(widths[i] as number) : value.padStart(widths[i] as number))).join('  ');
  const costly = report.costlyAsk;
  return [
    `load: ${report.connections} connections, ${report.durationSeconds} s per run (/health ${BASELINE_SECONDS} s); model ${report.model}, mode ${report.mode}; latencies of 2xx responses`,
    `costly /ask: ${costly.name}, ${costly.questionChars}-character question, ${costly.historyTurns} history turns, k=${costly.k}, ${costly.bodyBytes} bytes`,
    line(header),
    line(header.map((_, i) => '-'.repeat(widths[i] as number))),
    ...cells.map(line),
    ...rows.flatMap((row) => notes(row).map((note) => `${row.name}: ${note}`)),
  ].join('\n');
}

/** What the table does not show: why 429s were sent, other statuses, socket error codes. */
function notes(row: LoadRow): string[] {
  const list = (counts: Record<string, number>) => Object.entries(counts).map(([what, count]) => `${count} × ${what}`).join('; ');
  const otherStatuses = Object.fromEntries(Object.entries(row.statuses).filter(([status]) => !status.startsWith('2') && status !== '429'));
  return [
    ...(row.tooManyRequests > 0 ? [`429 reasons: ${list(row.tooManyReasons)}`] : []),
    ...(Object.keys(otherStatuses).length > 0 ? [`other statuses: ${list(otherStatuses)}`] : []),
    ...(Object.keys(row.errorCodes).length > 0 ? [`socket errors: ${list(row.errorCodes)}`] : []),
  ];
}

interface RunSettings {
  connections: number;
  duration: number;
  timeout: number;
  /** Connection i sends keys[i % keys.length] as its bearer key; null sends none. */
  keys: readonly string[] | null;
  requests: autocannon.Request[];
}

/** One autocannon instance; connection i starts at request i of the rotation, so the questions are spread. */
async function run(server: ServerProcess, name: string, settings: RunSettings): Promise<LoadRow> {
  const latencies: number[] = [];
  const errorCodes: Record<string, number> = {};
  const tooManyReasons: Record<string, number> = {};
  const onResponse = (status: number, body: string) => {
    if (status !== 429) return;
    const reason = reasonOf(body);
    tooManyReasons[reason] = (tooManyReasons[reason] ?? 0) + 1;
  };
  let nextClient = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: settings.connections,
        duration: settings.duration,
        timeout: settings.timeout,
        requests: settings.requests,
        setupClient: (client) => {
          const index = nextClient;
          nextClient += 1;
          const offset = index % settings.requests.length;
          const headers = { ...JSON_HEADERS, ...authorization(settings.keys ? [settings.keys[index % settings.keys.length] as string] : null) };
          client.setRequests([...settings.requests.slice(offset), ...settings.requests.slice(0, offset)].map((request) => ({ ...request, headers, onResponse })));
        },
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(done)),
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    });
    instance.on('reqError', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? error.message;
      errorCodes[code] = (errorCodes[code] ?? 0) + 1;
    });
  });
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([status, stat]) => [status, stat.count ?? 0]));
  const tooManyRequests = statuses['429'] ?? 0;
  latencies.sort((a, b) => a - b);
  return {
    name,
    connections: settings.connections,
    durationSeconds: result.duration,
    requestsPerSecond: result.requests.mean,
    ok: result['2xx'],
    p50Ms: percentileOrNull(latencies, 0.5),
    p99Ms: percentileOrNull(latencies, 0.99),
    maxMs: latencies.length > 0 ? (latencies[latencies.length - 1] as number) : null,
    errors: result.non2xx - tooManyRequests,
    tooManyRequests,
    tooManyReasons,
    timeouts: result.timeouts,
    socketErrors: result.errors - result.timeouts,
    statuses,
    errorCodes,
  };
}

/** Each costly variant timed alone (median of 3, after a first one), all must answer 200; the slowest wins. */
async function chooseCostliest(url: string, variants: CostlyAsk[], headers: Record<string, string>): Promise<{ chosen: CostlyAsk; aloneMs: Record<string, number> }> {
  const aloneMs: Record<string, number> = {};
  let chosen: CostlyAsk | null = null;
  for (const variant of variants) {
    const times: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const started = performance.now();
      const response = await fetch(`${url}/ask`, { method: 'POST', headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(variant.body) });
      const text = await response.text();
      if (response.status !== 200) throw new Error(`the costly /ask "${variant.name}" (${variant.bodyBytes} bytes) got ${response.status}, not 200: ${text.slice(0, 300)}`);
      if (i > 0) times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    aloneMs[variant.name] = times[1] as number;
    if (!chosen || (aloneMs[variant.name] as number) > (aloneMs[chosen.name] as number)) chosen = variant;
  }
  if (!chosen) throw new Error('no costly /ask variant to send');
  return { chosen, aloneMs };
}

function authorization(keys: readonly string[] | null): Record<string, string> {
  return keys?.[0] ? { authorization: `Bearer ${keys[0]}` } : {};
}

function reasonOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    return `${parsed.error?.code ?? '?'}: ${(parsed.error?.message ?? '').split(':')[0]}`;
  } catch {
    return 'unreadable body';
  }
}

function postJson(route: string, body: unknown): autocannon.Request {
  return { method: 'POST', path: route, headers: JSON_HEADERS, body: JSON.stringify(body) };
}

function interleave<T>(first: readonly T[], second: readonly T[]): T[] {
  return first.flatMap((item, i) => (i < second.length ? [item, second[i] as T] : [item]));
}

/** Nearest-rank percentile of sorted samples; null when there are none. */
function percentileOrNull(sorted: readonly number[], q: number): number | null {
  return sorted.length === 0 ? null : percentile(sorted, q);
}

function ms(value: number | null): string {
  return value === null ? '-' : value.toFixed(1);
}
