/**
 * Whether the index served matches the corpus on disk: `stale` from the moment a corpus file is
 * seen to change until a refresh that started after it has swapped the new generation in,
 * `refreshing` while one runs. Refreshes run one at a time; a change seen during one leads to one
 * more after it.
 */
export type FreshnessState = 'fresh' | 'stale' | 'refreshing';

/** What /health shows (no error text: it may name paths, and /health is public). */
export interface IndexFreshness {
  state: FreshnessState;
  /** When the index stopped matching the corpus (ISO time), or null when it matches. */
  staleSince: string | null;
  refreshedAt: string | null;
  /** The last refresh failed (its message is in the server's log). */
  refreshFailed: boolean;
}

export class RefreshScheduler {
  readonly freshness: IndexFreshness = { state: 'fresh', staleSince: null, refreshedAt: null, refreshFailed: false };
  /** The last failure's message, for the log only. */
  lastError: string | null = null;
  #running: Promise<void> | null = null;
  /** A change was seen that no refresh started since has read. */
  #dirty = false;

  constructor(private readonly refresh: () => Promise<void>) {}

  /** The corpus was seen to change: the index served no longer matches it. */
  markStale(): void {
    this.#dirty = true;
    this.freshness.staleSince ??= new Date().toISOString();
    if (this.freshness.state === 'fresh') this.freshness.state = 'stale';
  }

  /** Marks the index stale and brings it up to date (now, or right after the refresh running). */
  request(): Promise<void> {
    this.markStale();
    this.#running ??= this.#loop();
    return this.#running;
  }

  async #loop(): Promise<void> {
    while (this.#dirty) {
      this.#dirty = false;
      this.freshness.state = 'refreshing';
      try {
        await this.refresh();
        this.lastError = null;
        this.freshness.refreshFailed = false;
        this.freshness.refreshedAt = new Date().toISOString();
      } catch (error) {
        this.lastError = (error as Error).message;
        this.freshness.refreshFailed = true;
        if (!this.#dirty) break;
      }
    }
    // Set before this function returns, in the same turn: a request() after it starts a new loop.
    this.#running = null;
    if (this.freshness.refreshFailed || this.#dirty) {
      this.freshness.state = 'stale';
    } else {
      this.freshness.state = 'fresh';
      this.freshness.staleSince = null;
    }
  }
}
