import type { Passage } from '../chunking/index.js';

export interface PassageFilterOptions {
  /** Only these articles (their `source` ids). */
  sources?: readonly string[] | undefined;
  /** Only articles published on or after / on or before this day (YYYY-MM-DD); undated ones are then left out. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The test a search is limited by, or null when it is not limited. */
export function passageFilter(options: PassageFilterOptions): ((passage: Passage) => boolean) | null {
  if (!options.sources && !options.from && !options.to) return null;
  const sources = options.sources ? new Set(options.sources) : null;
  return (passage) => {
    if (sources && !sources.has(passage.source)) return false;
    if (!options.from && !options.to) return true;
    const day = passage.date?.slice(0, 10);
    if (!day) return false;
    return (!options.from || day >= options.from) && (!options.to || day <= options.to);
  };
}
