import { analyzeFrench } from '../text/french-analyzer.js';

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

/** "6,6 milliards de dollars", "600 millions d'euros", "40 %": a figure, its scale and its unit. */
const AMOUNT = /(?<![\p{L}\p{N},.])(\d+(?:[.,]\d+)?)\s*(milliards?|millions?|milliers?|%|pour ?cent)?(?:\s*(?:de\s+|d['’]\s*)?(dollars?|euros?|€|\$))?(?![\p{L}\p{N}])/giu;
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
}

/**
 * Figures of the same unit and the same thing (the words before them share at least two terms)
 * that differ between two sources. Figures without a scale or unit (a bare "2024") are not compared.
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
        [...other.head].filter((term) => first.head.has(term)).length >= MIN_SHARED_HEAD_TERMS,
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
    if (scale === '' && currency === '') continue;
    const headText = statement.text.slice(Math.max(0, (match.index ?? 0) - HEAD_CHARACTERS), match.index).replace(/^\S*\s/u, '').trim();
    mentions.push({
      statement,
      number: Number(figure.replace(',', '.')),
      unit: `${scale.toLowerCase().replace(/s$/u, '')} ${currency.toLowerCase().replace(/s$/u, '')}`,
      value: value.replace(/\s+/gu, ' ').trim(),
      head: new Set(analyzeFrench(headText)),
      headText: headText.replace(/\s+(?:de|d['’]|à|a|:)\s*$/u, ''),
    });
  }
  return mentions;
}
