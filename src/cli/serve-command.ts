import type { AppConfig } from '../config.js';
import { keepIndexFresh } from '../ingest/index.js';
import { createLogger } from '../logger.js';
import { createApp } from '../server/index.js';
import { startServer } from '../server/index.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

const REPEATED_SIGNAL_MS = 1_000;

export async function serveCommand(config: AppConfig): Promise<void> {
  const engine = await openEngineWithProgress(config);
  const logger = createLogger(config.logLevel);
  const running = await startServer(createApp(engine, logger), config.host, config.port, config.load).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') {
      throw new Error(`port ${config.port} on ${config.host} is already in use: stop the other server or set PORT to a free port`);
    }
    throw error;
  });
  process.stderr.write(`Ready: open ${running.url}/ to chat, or POST ${running.url}/ask\n`);
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const freshness = keepIndexFresh(engine, say);
  let stoppingSince: number | null = null;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stoppingSince !== null) {
      // npm passes on the signal the process group already got: a repeat at once is the same request.
      // A second Ctrl-C later means now: the requests in flight are cut.
      if (Date.now() - stoppingSince < REPEATED_SIGNAL_MS) return;
      say('Second signal: stopping now, requests in flight are cut.');
      process.exit(1);
    }
    stoppingSince = Date.now();
    freshness.stop();
    say(`${signal}: not taking new requests; finishing the ones in flight (at most ${config.load.shutdownGraceMs} ms, SHUTDOWN_GRACE_MS)…`);
    void running.close().then(engine.close).then(
      () => {
        say('Stopped.');
        process.exit(0);
      },
      (error: Error) => {
        say(`stopped with an error: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}
