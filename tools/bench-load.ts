/**
 * Load benchmark of the real server (a child process) with autocannon: GET /health as the floor,
 * POST /ask, POST /search, and /ask users beside clients sending the costliest valid /ask.
 *
 * Usage: npx tsx tools/bench-load.ts [--duration 30] [--connections 50] [--model tiny|none] [--single-client] [--json]
 *
 * By default every connection is its own client (its own API key) and the adversarial connections
 * are one client; --single-client sends everything as one client, as a load test from one address.
 * The per-client rate limit is turned off (RATE_LIMIT_PER_MINUTE=0) so that capacity is measured.
 */
import { parseArgs } from 'node:util';
import { formatLoadTable, runLoadBenchmark } from './bench/load-run.js';

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '50' },
    model: { type: 'string', default: 'tiny' },
    'single-client': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const duration = Number(values.duration);
const connections = Number(values.connections);
if (!(duration > 0)) fail('--duration must be a positive number of seconds');
if (!Number.isInteger(connections) || connections < 2) fail('--connections must be a whole number of at least 2');
if (values.model !== 'tiny' && values.model !== 'none') fail('--model must be tiny (the test model) or none (lexical only)');

try {
  const report = await runLoadBenchmark({ durationSeconds: duration, connections, model: values.model, distinctClients: !values['single-client'] });
  process.stdout.write(`${values.json ? JSON.stringify(report, null, 2) : formatLoadTable(report)}\n`);
  if (report.serverStderr.length > 0) process.stderr.write(`the server wrote during the runs:\n${report.serverStderr.slice(-20).join('\n')}\n`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

function fail(message: string): never {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
}
