/** French month names, in order (index 0 is janvier). */
export const FRENCH_MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'] as const;

/** A regular-expression alternation of the month names, accented or typed without accents. */
export const FRENCH_MONTH_PATTERN = 'janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre';

/** 0 for "janvier" … 11 for "décembre" (accents and case aside), -1 for anything else. */
export function frenchMonthIndex(name: string): number {
  const fold = (word: string) => word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');
  return FRENCH_MONTHS.findIndex((month) => fold(month) === fold(name));
}
