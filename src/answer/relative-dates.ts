import { FRENCH_MONTH_PATTERN, FRENCH_MONTHS, frenchMonthIndex } from '../text/index.js';

/** A relative date of a quoted sentence, resolved against its article's publication date. */
export interface ResolvedDate {
  /** The words of the sentence ("le 21 novembre prochain", "la semaine dernière"). */
  text: string;
  /** ISO date ("2024-11-21"), month ("2024-05") or year ("2024"). */
  date: string;
  /** The same in French, as a reader says it ("21 novembre 2024", "semaine du 30 septembre 2024"). */
  label: string;
}

const MONTHS = FRENCH_MONTHS;
const MONTH_PATTERN = FRENCH_MONTH_PATTERN;
const DAY_MONTH = new RegExp(`\\b(?:le\\s+)?(1er|\\d{1,2})\\s+(${MONTH_PATTERN})(?!\\s+\\d{4})(\\s+(?:prochain|dernier))?\\b`, 'giu');
const MONTH_ONLY = new RegExp(`\\ben\\s+(${MONTH_PATTERN})(?!\\s+\\d{4})(\\s+(?:prochain|dernier))?\\b`, 'giu');
const RELATIVE = /(?<![\p{L}-])(avant-hier|après-demain|hier|aujourd['’]hui|demain|la semaine derni[èe]re|la semaine prochaine|cette ann[ée]e|l['’]an dernier|l['’]ann[ée]e derni[èe]re|l['’]an prochain|l['’]ann[ée]e prochaine|le mois dernier|le mois prochain)(?![\p{L}-])/giu;

/**
 * The relative dates of `text` ("le 21 novembre prochain", "la semaine dernière", "cette année",
 * "en mai dernier", "hier"), resolved against `published` (the article's date, ISO). None without a
 * publication date: a relative date then cannot be placed.
 */
export function resolveRelativeDates(text: string, published: string | null): ResolvedDate[] {
  const base = published ? new Date(`${published.slice(0, 10)}T12:00:00Z`) : null;
  if (!base || Number.isNaN(base.getTime())) return [];
  const year = base.getUTCFullYear();
  const found: (ResolvedDate & { at: number })[] = [];
  for (const match of text.matchAll(DAY_MONTH)) {
    const day = match[1] === '1er' ? 1 : Number(match[1]);
    const month = frenchMonthIndex(match[2] ?? '');
    if (month < 0 || day < 1 || day > 31) continue;
    const direction = (match[3] ?? '').trim().toLowerCase();
    if (new Date(Date.UTC(2024, month, day, 12)).getUTCMonth() !== month) continue; // "le 31 février"
    const inYear = (y: number) => new Date(Date.UTC(y, month, day, 12));
    // "prochain" is ahead of the article, "dernier" behind it; with neither, the nearest such date.
    const candidates = direction === 'prochain' ? [year, year + 1].map(inYear).filter((date) => date >= base) : direction === 'dernier' ? [year - 1, year].map(inYear).filter((date) => date <= base) : [year - 1, year, year + 1].map(inYear);
    const candidate = candidates.sort((a, b) => Math.abs(a.getTime() - base.getTime()) - Math.abs(b.getTime() - base.getTime()))[0];
    if (!candidate) continue;
    found.push({ at: match.index ?? 0, text: match[0].trim(), date: isoDay(candidate), label: frenchDay(candidate) });
  }
  for (const match of text.matchAll(MONTH_ONLY)) {
    const month = frenchMonthIndex(match[1] ?? '');
    const direction = (match[2] ?? '').trim().toLowerCase();
    let monthYear = year;
    if (direction === 'prochain' && month <= base.getUTCMonth()) monthYear += 1;
    if (direction === 'dernier' && month >= base.getUTCMonth()) monthYear -= 1;
    found.push({ at: match.index ?? 0, text: match[0].trim(), date: `${monthYear}-${String(month + 1).padStart(2, '0')}`, label: `${MONTHS[month]} ${monthYear}` });
  }
  for (const match of text.matchAll(RELATIVE)) {
    const words = (match[1] ?? '').toLowerCase().replace('’', "'");
    found.push({ at: match.index ?? 0, text: match[0], ...relative(words, base) });
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...resolved }) => resolved);
}

function relative(words: string, base: Date): Omit<ResolvedDate, 'text'> {
  const year = base.getUTCFullYear();
  const shiftDays = (days: number) => new Date(base.getTime() + days * 86_400_000);
  const dayShift: Record<string, number> = { 'avant-hier': -2, hier: -1, "aujourd'hui": 0, demain: 1, 'après-demain': 2 };
  if (words in dayShift) {
    const day = shiftDays(dayShift[words] ?? 0);
    return { date: isoDay(day), label: frenchDay(day) };
  }
  if (words.startsWith('la semaine')) {
    const monday = shiftDays(-((base.getUTCDay() + 6) % 7) + (words.endsWith('prochaine') ? 7 : -7));
    return { date: isoDay(monday), label: `semaine du ${frenchDay(monday)}` };
  }
  if (words.startsWith('le mois')) {
    const month = new Date(Date.UTC(year, base.getUTCMonth() + (words.endsWith('prochain') ? 1 : -1), 1, 12));
    return { date: isoDay(month).slice(0, 7), label: `${MONTHS[month.getUTCMonth()]} ${month.getUTCFullYear()}` };
  }
  const offset = words === 'cette année' || words === 'cette annee' ? 0 : /derni/u.test(words) ? -1 : 1;
  return { date: String(year + offset), label: String(year + offset) };
}


function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function frenchDay(date: Date): string {
  const day = date.getUTCDate();
  return `${day === 1 ? '1er' : day} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "2024-10-04" or "2024-10-09T07:48:00" → "4 octobre 2024". */
export function frenchDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : frenchDay(date);
}
