/** A citation marker of a generated answer that did not point to a given passage, and what became of it. */
export interface CitationRepair {
  found: string;
  /** What replaced it ("[2][3]"), or null when it was removed. */
  replacement: string | null;
  reason: string;
}

export interface RepairedCitations {
  text: string;
  repairs: CitationRepair[];
  /** Passage numbers cited, in order of first appearance. */
  cited: number[];
}

/** "[1-3]", "[2, 4]", "(source 2)", "[Extrait 3]", "(sources 1 et 2)", "[7]": every shape of marker models write. */
const YEAR_LIKE = 1000;
/** Stands where a marker was removed, until the spaces around it are tidied. */
const REMOVED = '\u0000';
const MARKER = /\[(\s*\d+\s*(?:(?:[-–,;&]|et|and)\s*\d+\s*)*)\]|[([](?:sources?|extraits?|passages?|documents?)\s*:?\s*(\d+(?:\s*(?:,|et|and|&|-|–)\s*\d+)*)[)\]]/giu;

/**
 * Makes every marker of a generated answer a plain "[n]" that points to one of the `sourceCount`
 * passages given to the model: ranges and lists are written out, "(source 2)" becomes "[2]", and a
 * number with no such passage ("[7]" of 4, "[0]") is removed. Each change is reported.
 */
export function repairCitationMarkers(text: string, sourceCount: number): RepairedCitations {
  const repairs: CitationRepair[] = [];
  const cited: number[] = [];
  const repaired = text.replace(MARKER, (found: string, bracketed: string | undefined, named: string | undefined) => {
    const numbers = expand(bracketed ?? named ?? '');
    // "[2023-2024]" is a span of years in the text, not a marker.
    if (numbers.length > 0 && numbers.every((n) => n >= YEAR_LIKE)) return found;
    const valid = numbers.filter((n) => n >= 1 && n <= sourceCount);
    const invalid = numbers.filter((n) => n < 1 || n > sourceCount);
    for (const n of valid) if (!cited.includes(n)) cited.push(n);
    const replacement = valid.map((n) => `[${n}]`).join('');
    if (replacement === found) return found;
    const reasons = [
      invalid.length > 0 ? `no source ${invalid.join(', ')}: ${sourceCount} were given` : null,
      valid.length > 0 && (numbers.length > 1 || named !== undefined || !/^\[\d+\]$/u.test(found)) ? `written as ${replacement}` : null,
    ].filter((reason): reason is string => reason !== null);
    repairs.push({ found, replacement: replacement === '' ? null : replacement, reason: reasons.join('; ') });
    return replacement === '' ? REMOVED : replacement;
  });
  // Only where a marker was removed are the spaces around it tidied: French typography elsewhere ("Combien ?") stays.
  const tidied = repaired.replace(/[ \t]*\u0000[ \t]*(?=[.,;:!?)]|$)/gu, '').replace(/[ \t]*\u0000[ \t]*/gu, ' ');
  return { text: tidied.trim(), repairs, cited };
}

/** "1-3" → [1, 2, 3]; "2, 4" → [2, 4]; "1 et 2" → [1, 2]. Ranges longer than 20 are not written out. */
function expand(list: string): number[] {
  const numbers: number[] = [];
  for (const part of list.split(/\s*(?:,|;|et|and|&)\s*/iu)) {
    const range = /^(\d+)\s*[-–]\s*(\d+)$/u.exec(part.trim());
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      if (to >= from && to - from <= 20) for (let n = from; n <= to; n += 1) numbers.push(n);
      else numbers.push(from, to);
    } else if (/^\d+$/u.test(part.trim())) {
      numbers.push(Number(part.trim()));
    }
  }
  return numbers;
}
