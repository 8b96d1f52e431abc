/**
 * Dates as French news pages print them, turned into ISO 8601:
 * "9 octobre 2024 7 h 48 min" → "2024-10-09T07:48:00", "1er oct. 2024" → "2024-10-01",
 * "04/10/2024" (day first) → "2024-10-04", "2024-10-04T10:30:00+02:00" kept with its offset.
 */

const MONTHS: Readonly<Record<string, number>> = {
  janvier: 1, janv: 1, jan: 1,
  février: 2, fevrier: 2, févr: 2, fevr: 2, fév: 2, fev: 2,
  mars: 3, mar: 3,
  avril: 4, avr: 4,
  mai: 5,
  juin: 6,
  juillet: 7, juil: 7,
  août: 8, aout: 8,
  septembre: 9, sept: 9, sep: 9,
  octobre: 10, oct: 10,
  novembre: 11, nov: 11,
  décembre: 12, decembre: 12, déc: 12, dec: 12,
};

const MONTH_ALTERNATION = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const WEEKDAY = '(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\\s+';

const WRITTEN_DATE = new RegExp(
  `(?:${WEEKDAY})?(\\d{1,2})(?:er)?\\s+(${MONTH_ALTERNATION})\\.?(?![\\p{L}])\\s+(\\d{4})(?!\\d)`,
  'iuy',
);
const NUMERIC_DATE = /(\d{1,2})[/.](\d{1,2})[/.](\d{4})(?!\d)/y;
const ISO_DATE = /(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?(?!\d)/y;
/** "7 h 48 min", "10h30", "10h", "à 07:48", ", 10 heures 5". */
const CLOCK_TIME =
  /\s*(?:à|,|-|–)?\s*(\d{1,2})\s*(?:h(?:eures?)?|:)\s*(?:(\d{2})(?:\s*min(?:utes?)?)?)?(?![\p{L}\d])/iuy;

export interface DateMatch {
  iso: string;
  /** Characters consumed from the match position. */
  length: number;
}

/** The date (and time, if one follows) that starts exactly at `position`, or null. */
export function matchDateAt(text: string, position: number): DateMatch | null {
  return matchIsoDate(text, position) ?? matchDayMonthYear(text, position);
}

/** A whole string that is one date ("2024-10-04", "le 4 oct. 2024 à 10h30"), or null. */
export function parseFrenchDate(text: string): string | null {
  const leading = /^\s*(?:le\s+)?/iu.exec(text)?.[0].length ?? 0;
  const match = matchDateAt(text, leading);
  if (!match) return null;
  return text.slice(leading + match.length).trim() === '' ? match.iso : null;
}

function matchIsoDate(text: string, position: number): DateMatch | null {
  ISO_DATE.lastIndex = position;
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const day = toIsoDay(Number(y), Number(mo), Number(d));
  if (!day) return null;
  if (h === undefined || mi === undefined) return { iso: day, length: m[0].length };
  const time = toIsoTime(Number(h), Number(mi), Number(s ?? '0'));
  if (!time) return { iso: day, length: 10 };
  return { iso: `${day}T${time}${zone ?? ''}`, length: m[0].length };
}

function matchDayMonthYear(text: string, position: number): DateMatch | null {
  WRITTEN_DATE.lastIndex = position;
  NUMERIC_DATE.lastIndex = position;
  const written = WRITTEN_DATE.exec(text);
  const numeric = written ? null : NUMERIC_DATE.exec(text);
  const m = written ?? numeric;
  if (!m) return null;
  const [, d, month, y] = m;
  const monthNumber = written ? MONTHS[(month ?? '').toLowerCase()] : Number(month);
  const day = monthNumber === undefined ? null : toIsoDay(Number(y), monthNumber, Number(d));
  if (!day) return null;
  const dateEnd = position + m[0].length;
  const clock = matchClockTimeAt(text, dateEnd);
  if (!clock) return { iso: day, length: m[0].length };
  return { iso: `${day}T${clock.time}`, length: dateEnd + clock.length - position };
}

function matchClockTimeAt(text: string, position: number): { time: string; length: number } | null {
  CLOCK_TIME.lastIndex = position;
  const m = CLOCK_TIME.exec(text);
  if (!m) return null;
  const time = toIsoTime(Number(m[1]), Number(m[2] ?? '0'), 0);
  return time ? { time, length: m[0].length } : null;
}

function toIsoDay(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${pad2(month)}-${pad2(day)}`;
}

function toIsoTime(hours: number, minutes: number, seconds: number): string | null {
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return `${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}
