import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { askRequestSchema, MAX_QUESTION_LENGTH, type AskRequest } from '../../src/contracts/index.js';

/**
 * The limits of a valid POST /ask, as src/server/schemas.ts and src/server/app.ts set them today.
 * The question limit is imported; the others are mirrored here (importing app.ts would load the
 * whole server), and every body built below is checked against `askRequestSchema`, and sent once
 * before the runs, so a limit that changes makes the benchmark fail loudly rather than measure 4xx.
 */
export const ASK_LIMITS = {
  questionChars: MAX_QUESTION_LENGTH,
  maxK: 20,
  historyTurns: 50,
  turnChars: 8000,
  /** express.json({ limit: '64kb' }) in src/server/app.ts. */
  bodyBytes: 64 * 1024,
} as const;

/** Margin under the body limit, so that a header or encoding detail does not turn it into a 413. */
const BODY_MARGIN_BYTES = 256;

export interface CostlyAsk {
  /** What makes this variant costly. */
  name: string;
  body: AskRequest;
  bodyBytes: number;
}

/**
 * The costliest valid questions we know of, as variants to time against each other:
 * - `corpus-words`: a question of the longest allowed length made of distinct words of the corpus
 *   (every one has postings to score), k at its maximum, and the longest history that fits the
 *   body limit, its last user turn 8000 characters of distinct corpus words;
 * - `unknown-words+retry`: the same history, but a question of distinct words the corpus never
 *   uses: the answerer abstains, and an abstention with a previous user turn is asked again as
 *   "previous turn + question" (src/answer/ask-question.ts): ~10,000 characters retrieved twice.
 */
export async function costlyAskVariants(corpusDir: string): Promise<CostlyAsk[]> {
  const vocabulary = await corpusVocabulary(corpusDir);
  const corpusQuestion = joinWords(vocabulary, ASK_LIMITS.questionChars);
  const unknownQuestion = joinWords(inventedWords(2000), ASK_LIMITS.questionChars);
  // The last user turn starts further in the vocabulary, so it does not repeat the question.
  const lastUserTurn = joinWords([...vocabulary.slice(300), ...vocabulary.slice(0, 300)], ASK_LIMITS.turnChars);
  return [
    build('corpus-words', corpusQuestion, lastUserTurn, vocabulary),
    build('unknown-words+retry', unknownQuestion, lastUserTurn, vocabulary),
  ];
}

function build(name: string, question: string, lastUserTurn: string, vocabulary: readonly string[]): CostlyAsk {
  const turns = ASK_LIMITS.historyTurns;
  // Alternating turns, user first; the last user turn is the one before the final assistant turn.
  const lastUserIndex = turns % 2 === 0 ? turns - 2 : turns - 1;
  const skeleton = (fillerChars: number): AskRequest => ({
    question,
    k: ASK_LIMITS.maxK,
    history: Array.from({ length: turns }, (_, i) => ({
      role: i % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: i === lastUserIndex ? lastUserTurn : joinWords(rotate(vocabulary, i * 37), fillerChars),
    })),
  });
  const budget = ASK_LIMITS.bodyBytes - BODY_MARGIN_BYTES;
  let filler = Math.min(ASK_LIMITS.turnChars, Math.floor((budget - bytesOf(skeleton(0))) / (turns - 1)));
  let body = skeleton(Math.max(0, filler));
  while (bytesOf(body) > budget && filler > 0) {
    filler -= Math.max(1, Math.ceil((bytesOf(body) - budget) / (turns - 1)));
    body = skeleton(Math.max(0, filler));
  }
  const checked = askRequestSchema.safeParse(body);
  if (!checked.success) throw new Error(`the costly /ask body "${name}" is no longer valid: ${checked.error.message}`);
  return { name, body, bodyBytes: bytesOf(body) };
}

/** Distinct words of the corpus (case-insensitive), in order of first appearance. */
async function corpusVocabulary(corpusDir: string): Promise<string[]> {
  const files = (await readdir(corpusDir)).filter((name) => !name.startsWith('.') && /\.(?:txt|md|html?)$/iu.test(name)).sort();
  const seen = new Set<string>();
  const words: string[] = [];
  for (const file of files) {
    const text = await readFile(path.join(corpusDir, file), 'utf8');
    for (const word of text.match(/\p{L}[\p{L}\p{N}]*/gu) ?? []) {
      const key = word.toLowerCase();
      if (key.length < 2 || seen.has(key)) continue;
      seen.add(key);
      words.push(word);
    }
  }
  if (words.length < 100) throw new Error(`the corpus in ${corpusDir} has too few words (${words.length}) to build a costly question`);
  return words;
}

/** Letter-only words no French text uses ("zqvab", "zqvac", …), distinct. */
function inventedWords(count: number): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length: count }, (_, i) => {
    let word = '';
    for (let n = i + 26 * 26; n > 0; n = Math.floor(n / 26)) word = (letters[n % 26] as string) + word;
    return `zqv${word}`;
  });
}

/** Words joined by spaces, as many as fit in `maxChars` (they cycle, with a suffix, only if the list runs out). */
function joinWords(words: readonly string[], maxChars: number): string {
  let text = '';
  for (let round = 0; text.length < maxChars && words.length > 0; round += 1) {
    for (const word of words) {
      const next = round === 0 ? word : `${word}${round}`;
      const candidate = text === '' ? next : `${text} ${next}`;
      if (candidate.length > maxChars) return text;
      text = candidate;
    }
  }
  return text;
}

function rotate<T>(items: readonly T[], by: number): T[] {
  const offset = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(offset), ...items.slice(0, offset)];
}

function bytesOf(body: unknown): number {
  return Buffer.byteLength(JSON.stringify(body));
}
