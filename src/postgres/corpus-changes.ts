import pg from 'pg';
import { CHANGES_CHANNEL } from './postgres-store.js';

const RECONNECT_MS = 2_000;

/**
 * Listens for `npm run index`'s notifications on a connection of its own (LISTEN/NOTIFY) and
 * calls `changed` with the corpus's new version; after a lost connection it listens again and
 * calls `changed()` once, since notifications sent meanwhile are lost.
 */
export function listenForCorpusChanges(url: string, changed: (version?: string) => void, log: (line: string) => void = () => {}): { stop: () => Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let lostSince: number | null = null;

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url, application_name: 'french-news-qa listener', connectionTimeoutMillis: 5_000 });
    next.on('notification', (message) => changed(message.payload));
    next.on('error', () => retry(next));
    next.on('end', () => retry(next));
    try {
      await next.connect();
      if (stopped) {
        await next.end();
        return;
      }
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      if (stopped) {
        await next.end();
        return;
      }
      client = next;
      if (lostSince !== null) {
        log('PostgreSQL is back: listening for corpus changes again');
        lostSince = null;
        changed();
      }
    } catch {
      if (!stopped) retry(next);
    }
  };
  const retry = (failed: pg.Client) => {
    if (client === failed) client = null;
    failed.end().catch(() => {});
    if (stopped || timer) return;
    if (lostSince === null) {
      lostSince = Date.now();
      log(`lost the connection that listens for corpus changes: trying again every ${RECONNECT_MS / 1000} s`);
    }
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, RECONNECT_MS);
    timer.unref();
  };
  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.end().catch(() => {});
    },
  };
}
