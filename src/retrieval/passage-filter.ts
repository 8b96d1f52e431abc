import type { PassageFilter } from '../index/index.js';

export type PassageFilterOptions = PassageFilter;

/** The filter a search is limited by, or null when it is not limited. */
export function passageFilter(options: PassageFilterOptions): PassageFilter | null {
  if (!options.sources && !options.from && !options.to) return null;
  return { sources: options.sources, from: options.from, to: options.to };
}
