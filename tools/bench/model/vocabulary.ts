/**
 * A 250,037-piece SentencePiece-style Unigram vocabulary and the tokenizer files around it,
 * shaped like XLM-RoBERTa's (what multilingual-e5-small uses): specials <s>=0, <pad>=1,
 * </s>=2, <unk>=3, <mask> last; the same normalizer (Precompiled, then runs of spaces → one)
 * and Metaspace "▁" pre-tokenizer; `<s> … </s>` around every text.
 *
 * XLM-R's real pieces cannot be had offline, so the vocabulary is made deterministically from
 * French text committed in the repository (the shipped articles, the LibreOffice help pages
 * of the evaluation corpus) and a hand-typed list of frequent French words: whole words
 * ("▁monde"), their case and inflection siblings ("▁Monde", "▁mondes", "▁recrutées" from
 * "▁recruter"), word-initial pieces ("▁gouv") and endings ("ment"), scored by log
 * frequency; then single characters; then filler pieces up to
 * the exact size: French-like syllable strings and pieces in other scripts (XLM-R covers 100
 * languages), scored below everything harvested. French text therefore tokenizes into about as
 * many pieces as with the real vocabulary, through a lattice and trie of the real size.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { FREQUENT_FRENCH_WORDS } from './french-words.js';
import { mulberry32 } from './weights.js';

export const SPECIAL_PIECES = ['<s>', '<pad>', '</s>', '<unk>'] as const;
export const MASK_PIECE = '<mask>';
const SPACE = '\u2581';
const MAX_SUBWORD_LENGTH = 8;
const WORD_SCORE_FLOOR = -11;
const SUBWORD_PENALTY = 2.5;

const SHIPPED_ARTICLE = /^00[0-4]_[0-9a-f]{16}\.txt$/;

/** French text committed in the repository, in a fixed order (never the user's own articles). */
export async function readRepositoryFrench(projectRoot: string): Promise<string[]> {
  const texts: string[] = [];
  const corpusDir = path.join(projectRoot, 'corpus');
  for (const name of (await readdir(corpusDir).catch(() => [])).filter((n) => SHIPPED_ARTICLE.test(n)).sort()) {
    texts.push(await readFile(path.join(corpusDir, name), 'utf8'));
  }
  const helpDir = path.join(projectRoot, 'eval', 'corpora', 'libreoffice-help', 'corpus');
  for (const name of (await readdir(helpDir).catch(() => [])).filter((n) => n.endsWith('.html')).sort()) {
    const html = await readFile(path.join(helpDir, name), 'utf8');
    texts.push(html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/&[a-z]+;|&#\d+;/gi, ' '));
  }
  return texts;
}

/** What transformers.js's Precompiled normalizer (sentencepiece nmt_nfkc) and the Replace after it do. */
export function normalizeLikeXlmr(text: string): string {
  return text
    .replace(/[\u0001-\u0008\u000B\u000E-\u001F\u007F\u008F\u009F]/g, '')
    .replace(/[\u0009\u000A\u000C\u000D\u00A0\u1680\u2000-\u200F\u2028\u2029\u202F\u205F\u2581\u3000\uFEFF\uFFFD]/g, ' ')
    .normalize('NFKC')
    .replace(/ {2,}/g, ' ');
}

const WORD_RUN = /[\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}\s]/gu;

function addCount(counts: Map<string, number>, piece: string, count: number): void {
  counts.set(piece, (counts.get(piece) ?? 0) + count);
}

/** Endings that inflect or derive into one another: a word with one gets its siblings too. */
const SUFFIX_FAMILIES: ReadonlyArray<readonly string[]> = [
  ['er', 'e', 'es', 'ent', 'é', 'ée', 'és', 'ées', 'ant', 'ait', 'aient', 'ons', 'ez', 'era', 'eront', 'erait', 'ation', 'ations', 'ement'],
  ['ir', 'it', 'is', 'ie', 'ies', 'issent', 'issait', 'issant', 'ira'],
  ['ion', 'ions'],
  ['eur', 'eurs', 'euse', 'euses', 'rice', 'rices'],
  ['ique', 'iques', 'iquement'],
  ['al', 'ale', 'aux', 'ales'],
  ['if', 'ive', 'ifs', 'ives'],
  ['ment', 'ments'],
  ['té', 'tés'],
  ['aire', 'aires'],
  ['ante', 'ants', 'antes'],
  ['ente', 'ents', 'entes'],
  ['ier', 'iers', 'ière', 'ières'],
  ['eux', 'euse', 'euses'],
  ['ien', 'ienne', 'iens', 'iennes'],
  ['el', 'elle', 'els', 'elles'],
];
const MIN_STEM = 3;
const DERIVED_SHARE = 0.3;
const LIST_WORD_COUNT = 8;

function addVariants(words: Map<string, number>): void {
  const extra = new Map<string, number>();
  for (const [piece, count] of words) {
    if (!piece.startsWith(SPACE)) continue;
    const word = piece.slice(1);
    if (!/^\p{L}+$/u.test(word)) continue;
    const lower = word.toLowerCase();
    if (lower !== word) addCount(extra, SPACE + lower, count * 0.5);
    else addCount(extra, SPACE + word.charAt(0).toUpperCase() + word.slice(1), count * 0.2);
    for (const family of SUFFIX_FAMILIES) {
      const ending = family.filter((s) => lower.endsWith(s) && lower.length - s.length >= MIN_STEM).sort((a, b) => b.length - a.length)[0];
      if (ending === undefined) continue;
      const stem = lower.slice(0, lower.length - ending.length);
      for (const sibling of family) addCount(extra, SPACE + stem + sibling, count * DERIVED_SHARE);
    }
    if (!/[sxz]$/.test(lower)) addCount(extra, SPACE + lower + 's', count * DERIVED_SHARE);
  }
  for (const [piece, count] of [...extra].sort(byText)) if (!words.has(piece)) words.set(piece, count);
}

function addSubwords(subwords: Map<string, number>, piece: string, count: number): void {
  const initial = piece.startsWith(SPACE);
  const letters = [...(initial ? piece.slice(1) : piece)];
  if (letters.length < 3 || !/^[\p{L}\p{M}\p{N}]+$/u.test(letters.join(''))) return;
  for (let end = 2; end < letters.length && end <= MAX_SUBWORD_LENGTH; end++) {
    addCount(subwords, (initial ? SPACE : '') + letters.slice(0, end).join(''), count);
  }
  for (let start = Math.max(1, letters.length - MAX_SUBWORD_LENGTH); start <= letters.length - 2; start++) {
    addCount(subwords, letters.slice(start).join(''), count);
  }
}

/** Whole-word pieces and subword pieces with their counts. */
function harvest(texts: readonly string[]): { words: Map<string, number>; subwords: Map<string, number>; chars: Set<string> } {
  const chunkCounts = new Map<string, number>();
  const chars = new Set<string>();
  for (const text of [...texts, FREQUENT_FRENCH_WORDS]) {
    for (const chunk of normalizeLikeXlmr(text).split(/\s+/)) {
      if (chunk === '') continue;
      addCount(chunkCounts, chunk, 1);
      for (const char of chunk) chars.add(char);
    }
  }
  for (const word of normalizeLikeXlmr(FREQUENT_FRENCH_WORDS).split(/\s+/)) {
    if (word !== '') addCount(chunkCounts, word, LIST_WORD_COUNT);
  }
  const words = new Map<string, number>();
  for (const [chunk, count] of [...chunkCounts].sort(byText)) {
    (chunk.match(WORD_RUN) ?? []).forEach((run, index) => addCount(words, index === 0 ? SPACE + run : run, count));
  }
  addVariants(words);
  const subwords = new Map<string, number>();
  for (const [piece, count] of [...words].sort(byText)) addSubwords(subwords, piece, count);
  return { words, subwords, chars };
}

const byText = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Characters every vocabulary has: ASCII, Latin-1, Latin Extended-A, common typography. */
function baseCharacters(): string[] {
  const chars: string[] = [SPACE];
  const range = (from: number, to: number): void => {
    for (let c = from; c <= to; c++) chars.push(String.fromCodePoint(c));
  };
  range(0x21, 0x7e);
  range(0xa1, 0xff);
  range(0x100, 0x17f);
  chars.push(...'\u2018\u2019\u201a\u201c\u201d\u201e\u2013\u2014\u2026\u2022\u20ac\u2122\u00ab\u00bb\u2039\u203a');
  return chars;
}

const ONSETS = ['', '', 'b', 'c', 'd', 'f', 'g', 'h', 'j', 'l', 'm', 'n', 'p', 'qu', 'r', 's', 't', 'v', 'w', 'x', 'z', 'ch', 'ph', 'br', 'cr', 'dr', 'fr', 'gr', 'pr', 'tr', 'vr', 'bl', 'cl', 'fl', 'gl', 'pl', 'gn', 'sp', 'st', 'k', 'th', 'sch', 'sk'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'y', 'é', 'è', 'ê', 'â', 'î', 'ô', 'û', 'ou', 'ai', 'ei', 'au', 'eau', 'oi', 'eu', 'an', 'en', 'in', 'on', 'un', 'ie', 'ui', 'ä', 'ö', 'ü', 'ñ', 'ã', 'õ', 'ç'];
const CODAS = ['', '', '', 'r', 's', 'l', 'n', 't', 'x', 'c', 'm', 'nt', 'st', 'rt', 'ck', 'ng'];
/** [first code point, last code point, longest piece] of scripts a multilingual vocabulary spends pieces on. */
const SCRIPTS: ReadonlyArray<readonly [number, number, number]> = [
  [0x0430, 0x044f, 6], // Cyrillic
  [0x03b1, 0x03c9, 6], // Greek
  [0x0627, 0x064a, 5], // Arabic
  [0x0915, 0x0939, 4], // Devanagari
  [0x0e01, 0x0e2e, 4], // Thai
  [0xac00, 0xd7a3, 2], // Hangul syllables
  [0x4e00, 0x9fff, 3], // CJK ideographs
];

function fillerPieces(count: number, taken: Set<string>): string[] {
  const random = mulberry32(0x5eed_e5);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const pieces: string[] = [];
  while (pieces.length < count) {
    let piece: string;
    const kind = random();
    if (kind < 0.55) {
      const syllables = 1 + Math.floor(random() * 3);
      piece = random() < 0.6 ? SPACE : '';
      let word = '';
      for (let s = 0; s < syllables; s++) word += pick(ONSETS) + pick(NUCLEI) + pick(CODAS);
      // Some capitalised ("▁Cor") and upper-case ("NAME") pieces, as a cased vocabulary has.
      const casing = random();
      piece += casing < 0.15 ? word.charAt(0).toUpperCase() + word.slice(1) : casing < 0.22 ? word.toUpperCase() : word;
    } else {
      const [first, last, longest] = pick(SCRIPTS);
      const length = 1 + Math.floor(random() * longest);
      piece = random() < 0.5 ? SPACE : '';
      for (let c = 0; c < length; c++) piece += String.fromCodePoint(first + Math.floor(random() * (last - first + 1)));
    }
    if (piece === SPACE || taken.has(piece)) continue;
    taken.add(piece);
    pieces.push(piece);
  }
  return pieces;
}

export type ScoredPiece = [piece: string, score: number];

/** Exactly `size` pieces; ids are positions. */
export function buildUnigramVocabulary(texts: readonly string[], size: number): ScoredPiece[] {
  const { words, subwords, chars } = harvest(texts);
  const total = [...words.values()].reduce((a, b) => a + b, 0) || 1;
  const scored = new Map<string, number>();
  const reserved = new Set<string>([...SPECIAL_PIECES, MASK_PIECE]);
  for (const [piece, count] of [...words].sort(byText)) {
    if (!reserved.has(piece)) scored.set(piece, Math.max(WORD_SCORE_FLOOR, Math.log(count / total)));
  }
  for (const [piece, count] of [...subwords].sort(byText)) {
    if (!scored.has(piece) && !reserved.has(piece)) {
      scored.set(piece, Math.max(WORD_SCORE_FLOOR - 1, Math.log(count / total) - SUBWORD_PENALTY));
    }
  }
  // Numbers: "▁0" … "▁999", "00" … "999" and years, as sentencepiece learns them from any large corpus.
  for (let n = 0; n < 1000; n++) {
    const digits = String(n);
    if (!scored.has(SPACE + digits)) scored.set(SPACE + digits, -9 - n / 500);
    if (!scored.has(digits)) scored.set(digits, -10 - n / 500);
  }
  for (let year = 1900; year <= 2035; year++) {
    if (!scored.has(SPACE + year)) scored.set(SPACE + year, -9.5);
  }
  // Every pair of ASCII letters ("SO", "▁AB"): a cased sentencepiece vocabulary has nearly all.
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  for (const first of letters) {
    for (const second of letters) {
      const pair = first + second;
      if (!scored.has(pair)) scored.set(pair, -11.5);
      if (!scored.has(SPACE + pair)) scored.set(SPACE + pair, -11.8);
    }
  }
  const characters = [...new Set([...baseCharacters(), ...[...chars].sort()])];
  characters.forEach((char, i) => {
    if (!scored.has(char) && !reserved.has(char)) scored.set(char, -12.5 - i / characters.length);
  });
  const harvested = [...scored].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const fillerCount = size - SPECIAL_PIECES.length - harvested.length - 1;
  if (fillerCount < 0) throw new Error(`vocabulary: ${harvested.length} harvested pieces exceed the size ${size}`);
  const taken = new Set<string>([...reserved, ...scored.keys()]);
  const fillers = fillerPieces(fillerCount, taken).map((piece, i): ScoredPiece => [piece, -14 - (4 * i) / fillerCount]);
  const vocabulary: ScoredPiece[] = [...SPECIAL_PIECES.map((p): ScoredPiece => [p, 0]), ...harvested, ...fillers, [MASK_PIECE, 0]];
  if (vocabulary.length !== size) throw new Error(`vocabulary: built ${vocabulary.length} pieces, expected ${size}`);
  return vocabulary;
}

const addedToken = (id: number, content: string, lstrip = false) => ({
  id,
  content,
  single_word: false,
  lstrip,
  rstrip: false,
  normalized: false,
  special: true,
});

/** tokenizer.json in the `tokenizers` format XLM-RoBERTa's is published in. */
export function tokenizerJson(vocabulary: readonly ScoredPiece[]): unknown {
  const maskId = vocabulary.length - 1;
  const special = (piece: string, id: number) => ({ id: piece, ids: [id], tokens: [piece] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...SPECIAL_PIECES.map((piece, id) => addedToken(id, piece)), addedToken(maskId, MASK_PIECE, true)],
    normalizer: {
      type: 'Sequence',
      normalizers: [
        // XLM-R ships sentencepiece's nmt_nfkc charsmap here; transformers.js applies nmt_nfkc whatever the map holds.
        { type: 'Precompiled', precompiled_charsmap: '' },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    pre_tokenizer: { type: 'Metaspace', replacement: SPACE, add_prefix_space: true, prepend_scheme: 'always' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      special_tokens: { '<s>': special('<s>', 0), '</s>': special('</s>', 2) },
    },
    decoder: { type: 'Metaspace', replacement: SPACE, add_prefix_space: true, prepend_scheme: 'always' },
    model: { type: 'Unigram', unk_id: 3, vocab: vocabulary, byte_fallback: false },
  };
}

export const TOKENIZER_CONFIG = {
  bos_token: '<s>',
  cls_token: '<s>',
  eos_token: '</s>',
  mask_token: '<mask>',
  pad_token: '<pad>',
  sep_token: '</s>',
  unk_token: '<unk>',
  model_max_length: 512,
  clean_up_tokenization_spaces: true,
  tokenizer_class: 'XLMRobertaTokenizer',
};
