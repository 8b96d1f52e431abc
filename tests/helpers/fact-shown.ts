import { expect } from 'vitest';

export interface ShownAnswer {
  abstained: boolean;
  answer: string;
  abstention?: { reason: string } | undefined;
  related?: { excerpt: string; source: string }[] | undefined;
}

/**
 * What a reader sees first holds the fact: the answer, when the answerer is sure enough to answer;
 * otherwise the first (or one of the first `within`) of the closest passages it shows, under a refusal
 * that does not claim the corpus is silent. The answerer may grow surer or more careful; the reader must never lose the fact.
 */
export function expectFactShown(result: ShownAnswer, fact: RegExp | string, source?: string, within = 1): void {
  const matches = (text: string) => (typeof fact === 'string' ? text.includes(fact) : fact.test(text));
  if (!result.abstained) {
    expect(matches(result.answer), `answer "${result.answer}" holds ${String(fact)}`).toBe(true);
    return;
  }
  expect(result.abstention?.reason).toBe('not_stated');
  const shown = (result.related ?? []).slice(0, within);
  const holding = shown.find((passage) => matches(passage.excerpt));
  expect(holding, `one of the first ${within} closest passages (${shown.map((passage) => `"${passage.excerpt.slice(0, 80)}…"`).join(', ')}) holds ${String(fact)}`).toBeDefined();
  if (source) expect(holding?.source).toBe(source);
}
