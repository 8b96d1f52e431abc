/**
 * Derives data/english-french/words.json from FreeDict's English–French and French–English
 * dictionaries (Debian packages dict-freedict-eng-fra and dict-freedict-fra-eng, GPL-2.0-or-later;
 * their licence is data/english-french/LICENSE.txt): one-word English words with at most four French
 * translations of at most three words each, English–French entries first, then French–English ones
 * read backwards (they hold words the first lacks: "recruit" → "recruter"). The product uses it to
 * carry an English question's content words into French when the embedding model is missing.
 * Run as root on Debian: apt-get install -y dict-freedict-eng-fra dict-freedict-fra-eng, then
 * npm run derive-english-french.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dictionaries = process.argv[2] ?? '/usr/share/dictd';
const MAX_TRANSLATIONS = 4;
const MAX_TRANSLATION_WORDS = 3;

// No prototype: headwords such as "constructor" are words like any other.
const words: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
const add = (english: string, french: string) => {
  const known = words[english] ?? [];
  if (!known.includes(french) && known.length < MAX_TRANSLATIONS) known.push(french);
  words[english] = known;
};
const isEnglishWord = (word: string) => /^[a-z][a-z'-]*$/u.test(word);
for (const { head, translations } of entries('freedict-eng-fra.dict.dz')) {
  if (!isEnglishWord(head)) continue;
  for (const french of translations) if (french.split(/\s+/u).length <= MAX_TRANSLATION_WORDS) add(head, french);
}
for (const { head, translations } of entries('freedict-fra-eng.dict.dz')) {
  if (head.split(/\s+/u).length > 1) continue;
  for (const english of translations) if (isEnglishWord(english)) add(english, head);
}

/** Entries of a dictd file: a headword line "word /ipa/ <pos>", then translation lines ("1. a, b" or "a, b"). */
function* entries(file: string): Generator<{ head: string; translations: string[] }> {
  const text = gunzipSync(readFileSync(path.join(dictionaries, file))).toString('utf8');
  const HEADWORD = /^([^\s/][^/]*?)\s+\/[^/]*\/(?:\s*<[^>]*>)?\s*$/u;
  let head: string | null = null;
  let translations: string[] = [];
  for (const line of text.split('\n')) {
    const headword = HEADWORD.exec(line);
    if (headword) {
      if (head !== null && translations.length > 0) yield { head, translations };
      head = headword[1]!.trim().toLowerCase().replace(/\u2010/gu, '-');
      translations = [];
      continue;
    }
    if (head === null || line.trim() === '') continue;
    translations.push(
      ...line
        .replace(/^\s*\d+\.\s*/u, '')
        .split(/[,;]/u)
        .map((part) => part.replace(/\([^)]*\)/gu, '').replace(/\u2010/gu, '-').trim().toLowerCase())
        .filter((part) => part !== '' && !/[?!]/u.test(part)),
    );
  }
  if (head !== null && translations.length > 0) yield { head, translations };
}
const sorted = Object.fromEntries(Object.entries(words).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(path.join(root, 'data/english-french/words.json'), `${JSON.stringify(sorted)}\n`);
process.stdout.write(`data/english-french/words.json: ${Object.keys(sorted).length} English words\n`);
