/**
 * Words of a question or search that are read. A question is a sentence or two (the evaluation
 * questions have at most 30 words); a 2,000-character wall of distinct words cost 50x a normal
 * question in retrieval and answer scoring, so what lies beyond is not read and one request can
 * never cost much more than another.
 */
export const MAX_QUERY_WORDS = 64;

/** The text up to its MAX_QUERY_WORDS-th word (the text itself when shorter). */
export function boundQuery(text: string): string {
  const words = /\S+/gu;
  let count = 0;
  for (let match = words.exec(text); match; match = words.exec(text)) {
    count += 1;
    if (count === MAX_QUERY_WORDS) return text.slice(0, match.index + match[0].length);
  }
  return text;
}
