/**
 * Whether the index served matches the corpus on disk: `stale` from the moment a corpus file is
 * seen to change until the new generation is swapped in, `refreshing` while it is built.
 * Refreshes run one at a time; a change seen during one leads to one more after it.
 */
export type FreshnessState = 'fresh' | 'stale' | 'refreshing';

export interface IndexFreshness {
  state: FreshnessState;
  /** When the index stopped matching the corpus (ISO time), or null when it matches. */
  staleSince: string | null;
  /** The last refresh that failed, if the index has not been refreshed since. */
  lastError: string | null;
  refreshedAt: string | null;
}

export class RefreshScheduler {
  readonly freshness: IndexFreshness = { state: 'fresh', staleSince: null, lastError: null, refreshedAt: null };
  #running: Promise<void> | null = null;
  #again = false;

  constructor(private readonly refresh: () => Promise<void>) {}

  /** The corpus was seen to change: the index served no longer matches it. */
  markStale(): void {
    if (this.freshness.state !== 'fresh') return;
    this.freshness.state = 'stale';
    this.freshness.staleSince = new Date().toISOString();
  }

  /** Marks the index stale and brings it up to date (now, or right after the refresh running). */
  request(): Promise<void> {
    this.markStale();
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      this.freshness.state = 'refreshing';
      try {
        await this.refresh();
        this.freshness.lastError = null;
        this.freshness.refreshedAt = new Date().toISOString();
      } catch (error) {
        this.freshness.lastError = (error as Error).message;
        if (!this.#again) {
          this.freshness.state = 'stale';
          return;
        }
      }
    } while (this.#again);
    this.freshness.state = 'fresh';
    this.freshness.staleSince = null;
  }
}
