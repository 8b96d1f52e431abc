import { analyzeFrench, FRENCH_STOP_WORDS } from '../text/index.js';

/** One value a source gives. */
export interface ConflictValue {
  value: string;
  source: string;
  date: string | null;
  /** The answer's citation number for it, when the answer cites it. */
  index: number | null;
}

/** Sources that give different figures for the same thing ("levée de fonds": 6 vs 6,6 milliards de dollars). */
export interface Conflict {
  about: string;
  values: ConflictValue[];
}

export interface Statement {
  text: string;
  source: string;
  date: string | null;
  index: number | null;
}

/** "6,6 milliards de dollars", "600 millions d'euros", "1 500 euros", "40 %": a figure, its scale and its unit (a currency or a percentage). */
const AMOUNT = /(?<![\p{L}\p{N},.])(\d{1,3}(?:[\s\u00a0\u202f]\d{3})+|\d+(?:[.,]\d+)?)\s*(milliards?|millions?|milliers?)?\s*(?:de\s+|d['’]\s*)?(dollars?|euros?|€|\$|%|pour ?cent)(?![\p{L}\p{N}])/giu;
/** Capitalised names of a statement ("OpenAI", "Mistral AI"): two figures compare only when their statements share one. */
const NAME = /\p{Lu}[\p{L}\p{N}’'-]{1,}/gu;
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/gu;
/** Words before a figure that say what it measures ("une levée de fonds historique de"). */
const HEAD_CHARACTERS = 48;
/** Two figures measure the same thing when the words before them share this many terms. */
const MIN_SHARED_HEAD_TERMS = 2;

interface Mention {
  statement: Statement;
  number: number;
  unit: string;
  value: string;
  head: Set<string>;
  headText: string;
  names: Set<string>;
  years: Set<string>;
}

/** Figures of different years are not a disagreement ("chiffre d'affaires 2023" and "2022"). */
function statesOtherYears(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size > 0 && b.size > 0 && ![...a].some((year) => b.has(year));
}

/**
 * Figures of the same unit and the same thing that differ between two sources: the words before
 * them share at least two terms, their statements share a name, and they are not of different years.
 * Only sums of money and percentages are compared (not "8 milliards de personnes", nor a bare "2024").
 */
export function findConflicts(statements: readonly Statement[]): Conflict[] {
  const mentions = statements.flatMap(mentionsIn);
  const conflicts: Conflict[] = [];
  const used = new Set<Mention>();
  for (const [i, first] of mentions.entries()) {
    if (used.has(first)) continue;
    const differing = mentions.slice(i + 1).filter(
      (other) =>
        !used.has(other) &&
        other.statement.source !== first.statement.source &&
        other.unit === first.unit &&
        other.number !== first.number &&
        [...other.head].filter((term) => first.head.has(term)).length >= MIN_SHARED_HEAD_TERMS &&
        [...other.names].some((name) => first.names.has(name)) &&
        !statesOtherYears(first.years, other.years),
    );
    if (differing.length === 0) continue;
    for (const mention of [first, ...differing]) used.add(mention);
    conflicts.push({
      about: first.headText,
      values: [first, ...differing].map(({ value, statement }) => ({ value, source: statement.source, date: statement.date, index: statement.index })),
    });
  }
  return conflicts;
}

function mentionsIn(statement: Statement): Mention[] {
  const mentions: Mention[] = [];
  for (const match of statement.text.matchAll(AMOUNT)) {
    const [value, figure = '', scale = '', currency = ''] = match;
    const from = Math.max(0, (match.index ?? 0) - HEAD_CHARACTERS);
    // A head cut in the middle of a word starts at the next one.
    const headText = statement.text.slice(from, match.index).replace(from > 0 ? /^\S*\s/u : /^/u, '').trim();
    mentions.push({
      statement,
      number: Number(figure.replace(/[\s\u00a0\u202f]/gu, '').replace(',', '.')),
      unit: `${scale.toLowerCase().replace(/s$/u, '')} ${currency.toLowerCase().replace(/s$/u, '')}`,
      value: value.replace(/\s+/gu, ' ').trim(),
      // What is measured, in common words: names count apart (they must be shared too), years not at all.
      head: new Set(analyzeFrench(headText.replace(NAME, ' ').replace(YEAR, ' '))),
      headText: headText.replace(/\s+(?:de|d['’]|à|a|:)\s*$/u, ''),
      names: new Set((statement.text.match(NAME) ?? []).filter((name) => !FRENCH_STOP_WORDS.has(name.toLowerCase()))),
      years: new Set(statement.text.match(YEAR) ?? []),
    });
  }
  return mentions;
}
