import type { AppConfig } from '../config.js';
import { refreshIndex } from '../engine.js';
import { startFeedPolling } from '../ingest/feed-poller.js';
import { createLogger } from '../logger.js';
import { createApp } from '../server/app.js';
import { startServer } from '../server/start-server.js';
import { openEngineWithProgress } from './open-engine-with-progress.js';

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
  const feeds =
    config.feeds.urls.length > 0
      ? startFeedPolling(
          config,
          async () => {
            await refreshIndex(engine, { log: say });
            say(`index updated: ${engine.index.manifest.counts.articles} articles`);
          },
          say,
        )
      : null;
  if (feeds) say(`Polling ${config.feeds.urls.length} feed(s) every ${config.feeds.intervalMinutes} min (FEEDS).`);
  const shutdown = () => {
    feeds?.stop();
    void running.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
