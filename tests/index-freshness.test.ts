import { describe, expect, it } from 'vitest';
import { RefreshScheduler } from '../src/index-freshness.js';

describe('what /health says about the index while the corpus changes', () => {
  it('stays stale when a change is seen during a refresh, and refreshes once more for it', async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const scheduler = new RefreshScheduler(async () => {
      passes += 1;
      if (passes === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = scheduler.request();
    expect(scheduler.freshness.state).toBe('refreshing');
    const since = scheduler.freshness.staleSince;
    scheduler.markStale();
    release();
    await first;
    expect(passes).toBe(2);
    expect(scheduler.freshness).toMatchObject({ state: 'fresh', staleSince: null, refreshFailed: false });
    expect(since).not.toBeNull();
  });

  it('says a refresh failed without its message, and keeps the time the index went stale', async () => {
    const scheduler = new RefreshScheduler(async () => {
      throw new Error('cannot write the index in /srv/secret/index (INDEX_DIR): permission denied');
    });
    await scheduler.request();
    expect(scheduler.freshness.state).toBe('stale');
    expect(scheduler.freshness.refreshFailed).toBe(true);
    expect(JSON.stringify(scheduler.freshness)).not.toContain('/srv/secret');
    expect(scheduler.lastError).toContain('permission denied');
    const since = scheduler.freshness.staleSince;
    await scheduler.request();
    expect(scheduler.freshness.staleSince).toBe(since);
  });
});
