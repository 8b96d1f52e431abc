/**
 * An English question's content words carried into French with FreeDict's dictionaries
 * (data/english-french/words.json, derived by tools/derive-english-french.ts): without the
 * multilingual model, the French index can only match French words.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WORDS_FILE = fileURLToPath(new URL('../../data/english-french/words.json', import.meta.url));
let dictionary: ReadonlyMap<string, readonly string[]> | null = null;

/** The dictionary, read once; a missing or damaged file leaves English words untranslated rather than failing the question. */
function words(): ReadonlyMap<string, readonly string[]> {
  if (dictionary === null) {
    try {
      dictionary = new Map(Object.entries(JSON.parse(readFileSync(WORDS_FILE, 'utf8')) as Record<string, string[]>).filter(([, french]) => Array.isArray(french)));
    } catch (error) {
      process.emitWarning(`${WORDS_FILE} cannot be read (${(error as Error).message}): English questions are matched on their own words only`);
      dictionary = new Map();
    }
  }
  return dictionary;
}

/** English function words: they carry no content to translate. */
const ENGLISH_STOP_WORDS = new Set(
  `a an the of to in on at by for with from into onto about after before over under between through during without within
  is are was were be been being am has have had having do does did doing will would shall should can could may might must
  i me my you your he him his she her it its we us our they them their this that these those there here
  what which who whom whose when where why how much many some any all each every no not nor or and but if then than so
  just also very too more most less least only own same other such again once up down out off`.split(/\s+/u),
);

/** Inflected forms tried in turn: "hired" → "hire", "employees" → "employee", "opening" → "open". */
function baseForms(word: string): string[] {
  const forms = [word];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) forms.push(word.slice(0, -2));
  if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  if (word.endsWith('ied')) forms.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) forms.push(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) forms.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  return forms;
}

/**
 * The French words for an English question's content words, each English word kept too (technical
 * words and names are often the same in both languages: "format", "OpenAI").
 */
export function frenchWordsFor(question: string): string[] {
  const out: string[] = [];
  for (const match of question.matchAll(/[\p{L}][\p{L}\p{N}'’-]*/gu)) {
    const word = match[0].replace(/['’]s$/u, '');
    const lower = word.toLowerCase();
    if (ENGLISH_STOP_WORDS.has(lower)) continue;
    out.push(word);
    const translations = baseForms(lower).map((form) => words().get(form)).find((found) => found !== undefined);
    if (translations) out.push(...translations);
  }
  return out;
}
