/**
 * Generates `tests/fixtures/models/tiny-french-e5/`: a tiny BERT-shaped model that
 * transformers.js loads offline like a real one (config, WordPiece tokenizer, ONNX graph).
 *
 * The "model" is a random-projection bag of words: `last_hidden_state` is a `Gather` of an
 * embedding table by `input_ids`, so after mean pooling texts that share words get similar
 * vectors. Rows are scaled by a frequency weight (frequent words count less), and words
 * longer than STEM_LENGTH share part of their vector with their prefix "stem", which is a
 * vocabulary entry too: "dirige" and "diriger" end up close.
 *
 * A few chosen words of other wording or another language share the vector of the word an
 * article uses (ALIASES), as a real multilingual model puts "hired" near "recrutée": tests show
 * through them a paraphrase or an English question answered on the dense path.
 *
 * Output is byte-for-byte reproducible: no clock, no locale, per-token seeds from a hash of
 * the token, and only correctly rounded arithmetic (no Math.log/Math.sin).
 *
 * Usage: npx tsx tools/make-tiny-model.ts [outDir] [corpusDir]
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import onnxProto from 'onnx-proto';
import { mulberry32, seedOf } from './bench/model/weights.js';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

export const TINY_MODEL_ID = 'tiny-french-e5';
export const HIDDEN_SIZE = 32;
const MAX_WORDS = 3000;
const STEM_LENGTH = 6;
const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
// The E5 prefixes are in every query/passage: keep them in the vocabulary with a small weight.
const PREFIX_WORDS = ['query', 'passage'] as const;
const FALLBACK_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SPECIAL_WEIGHT = 0.05;
const PREFIX_WEIGHT = 0.1;
const CHAR_WEIGHT = 0.2;
const FREQUENCY_DAMPING = 4;
/**
 * Word of a question → word of the shipped articles whose vector it takes (normalised: lowercase,
 * no accents). Translations and French paraphrases; an alias also keeps a little of its own vector.
 */
const ALIASES: ReadonlyArray<readonly [alias: string, articleWord: string]> = [
  ['hired', 'recrutee'],
  ['lead', 'diriger'],
  ['lobbyist', 'lobbying'],
  ['embauchee', 'recrutee'],
  ['piloter', 'diriger'],
];
const ALIAS_OWN_SHARE = 0.2;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CORPUS_DIR = path.join(projectRoot, 'corpus');
const SHIPPED_ARTICLE_NAME = /^00[0-4]_[0-9a-f]{16}\.txt$/;
export const DEFAULT_MODELS_DIR = path.join(projectRoot, 'tests', 'fixtures', 'models');

/** Same rules as the tokenizer's BertNormalizer (lowercase + strip_accents) and BertPreTokenizer. */
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const WORD_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+`, 'gu');

export function normalizeText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

/** A unit vector that depends only on `key`, so a token keeps its vector whatever the vocabulary. */
function unitVector(key: string): number[] {
  const random = mulberry32(seedOf(key));
  const vector = Array.from({ length: HIDDEN_SIZE }, () => random() * 2 - 1);
  const norm = Math.sqrt(vector.reduce((sum, x) => sum + x * x, 0));
  return vector.map((x) => x / norm);
}

function frequencyWeight(count: number): number {
  return Math.sqrt(FREQUENCY_DAMPING / (FREQUENCY_DAMPING + count));
}

function countWords(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of normalizeText(text).match(WORD_PATTERN) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return counts;
}

function byCountThenText(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return b[1] - a[1];
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

interface Vocabulary {
  tokens: string[];
  rows: Float32Array;
}

function buildVocabulary(texts: readonly string[]): Vocabulary {
  const counts = countWords(texts);
  const words = [...counts].sort(byCountThenText).slice(0, MAX_WORDS);

  const stemCounts = new Map<string, number>();
  for (const [word, count] of words) {
    if (word.length > STEM_LENGTH) {
      const stem = [...word].slice(0, STEM_LENGTH).join('');
      stemCounts.set(stem, (stemCounts.get(stem) ?? 0) + count);
    }
  }

  const rowsByToken = new Map<string, number[]>();
  const add = (token: string, row: number[]): void => {
    if (!rowsByToken.has(token)) rowsByToken.set(token, row);
  };
  const scaled = (vector: number[], weight: number): number[] => vector.map((x) => x * weight);

  for (const token of SPECIAL_TOKENS) add(token, scaled(unitVector(token), token === '[PAD]' ? 0 : SPECIAL_WEIGHT));
  for (const word of PREFIX_WORDS) add(word, scaled(unitVector(word), PREFIX_WEIGHT));
  for (const [word, count] of words) {
    const chars = [...word];
    const stem = chars.slice(0, STEM_LENGTH).join('');
    const stemCount = stemCounts.get(word);
    if (stemCount !== undefined) {
      // The word is itself the stem of longer words: it is that stem.
      add(word, scaled(unitVector(`stem:${word}`), frequencyWeight(stemCount)));
    } else if (chars.length > STEM_LENGTH) {
      const own = unitVector(word);
      const mixed = unitVector(`stem:${stem}`).map((s, i) => 0.6 * s + 0.8 * (own[i] ?? 0));
      add(word, scaled(mixed, frequencyWeight(count)));
    } else {
      add(word, scaled(unitVector(word), frequencyWeight(count)));
    }
  }
  for (const [stem, count] of [...stemCounts].sort(byCountThenText)) {
    add(stem, scaled(unitVector(`stem:${stem}`), frequencyWeight(count)));
  }

  for (const [alias, articleWord] of ALIASES) {
    const target = rowsByToken.get(articleWord);
    if (target === undefined) throw new Error(`make-tiny-model: alias target "${articleWord}" is not in the vocabulary`);
    const own = unitVector(alias);
    const norm = Math.sqrt(target.reduce((sum, x) => sum + x * x, 0));
    add(alias, target.map((x, i) => (1 - ALIAS_OWN_SHARE) * x + ALIAS_OWN_SHARE * norm * (own[i] ?? 0)));
  }

  const alphabet = new Set(FALLBACK_CHARS);
  for (const [word] of words) for (const char of word) alphabet.add(char);
  const sortedAlphabet = [...alphabet].sort();
  for (const char of sortedAlphabet) add(char, scaled(unitVector(char), CHAR_WEIGHT));
  for (const char of sortedAlphabet) add(`##${char}`, scaled(unitVector(`##${char}`), CHAR_WEIGHT));

  const tokens = [...rowsByToken.keys()];
  const rows = new Float32Array(tokens.length * HIDDEN_SIZE);
  tokens.forEach((token, id) => rows.set(rowsByToken.get(token) ?? [], id * HIDDEN_SIZE));
  return { tokens, rows };
}

function tokenizerJson(tokens: readonly string[]): unknown {
  const vocab: Record<string, number> = {};
  tokens.forEach((token, id) => {
    vocab[token] = id;
  });
  const idOf = (token: string): number => tokens.indexOf(token);
  const special = (token: string) => ({ id: token, ids: [idOf(token)], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((content) => ({
      id: idOf(content),
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: true,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab,
    },
  };
}

const tokenizerConfigJson = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  strip_accents: true,
  model_max_length: 512,
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  unk_token: '[UNK]',
  mask_token: '[MASK]',
};

function configJson(vocabSize: number): unknown {
  return {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: HIDDEN_SIZE,
    vocab_size: vocabSize,
    max_position_embeddings: 512,
    num_attention_heads: 1,
    num_hidden_layers: 0,
    pad_token_id: 0,
  };
}

const { TensorProto } = onnx;
const dynamic2d = (): OnnxTypes.ITensorShapeProto => ({
  dim: [{ dimParam: 'batch_size' }, { dimParam: 'sequence_length' }],
});

function onnxModel(vocabSize: number, initializers: OnnxTypes.ITensorProto[], nodes: OnnxTypes.INodeProto[]): Uint8Array {
  const tokenInput = (name: string): OnnxTypes.IValueInfoProto => ({
    name,
    type: { tensorType: { elemType: TensorProto.DataType.INT64, shape: dynamic2d() } },
  });
  const model: OnnxTypes.IModelProto = {
    irVersion: 7,
    producerName: 'french-news-qa/tools/make-tiny-model.ts',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: `tiny_french_e5_v${vocabSize}`,
      node: nodes,
      initializer: initializers,
      input: [tokenInput('input_ids'), tokenInput('attention_mask'), tokenInput('token_type_ids')],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensorType: {
              elemType: TensorProto.DataType.FLOAT,
              shape: { dim: [...(dynamic2d().dim ?? []), { dimValue: HIDDEN_SIZE }] },
            },
          },
        },
      ],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

const gatherNode = (table: string): OnnxTypes.INodeProto => ({
  opType: 'Gather',
  name: 'embeddings',
  input: [table, 'input_ids'],
  output: ['last_hidden_state'],
  attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
});

function floatBytes(values: Float32Array): Uint8Array {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  values.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return new Uint8Array(view.buffer);
}

function fp32Model({ tokens, rows }: Vocabulary): Uint8Array {
  const table: OnnxTypes.ITensorProto = {
    name: 'embedding_table',
    dataType: TensorProto.DataType.FLOAT,
    dims: [tokens.length, HIDDEN_SIZE],
    rawData: floatBytes(rows),
  };
  return onnxModel(tokens.length, [table], [gatherNode('embedding_table')]);
}

/** Int8 table with one scale per row, dequantized before the Gather: a genuinely "q8" file. */
function q8Model({ tokens, rows }: Vocabulary): Uint8Array {
  const scales = new Float32Array(tokens.length);
  const quantized = new Int8Array(rows.length);
  for (let id = 0; id < tokens.length; id++) {
    const row = rows.subarray(id * HIDDEN_SIZE, (id + 1) * HIDDEN_SIZE);
    const maxAbs = row.reduce((max, x) => Math.max(max, Math.abs(x)), 0);
    const scale = maxAbs > 0 ? Math.fround(maxAbs / 127) : 1;
    scales[id] = scale;
    row.forEach((x, i) => {
      quantized[id * HIDDEN_SIZE + i] = Math.max(-127, Math.min(127, Math.round(x / scale)));
    });
  }
  const initializers: OnnxTypes.ITensorProto[] = [
    {
      name: 'embedding_table_q8',
      dataType: TensorProto.DataType.INT8,
      dims: [tokens.length, HIDDEN_SIZE],
      rawData: new Uint8Array(quantized.buffer),
    },
    { name: 'embedding_scale', dataType: TensorProto.DataType.FLOAT, dims: [tokens.length], rawData: floatBytes(scales) },
    {
      name: 'embedding_zero_point',
      dataType: TensorProto.DataType.INT8,
      dims: [tokens.length],
      rawData: new Uint8Array(tokens.length),
    },
  ];
  const dequantize: OnnxTypes.INodeProto = {
    opType: 'DequantizeLinear',
    name: 'dequantize_embeddings',
    input: ['embedding_table_q8', 'embedding_scale', 'embedding_zero_point'],
    output: ['embedding_table'],
    attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }],
  };
  return onnxModel(tokens.length, initializers, [dequantize, gatherNode('embedding_table')]);
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The generated files, path relative to the model directory → content. */
export function buildTinyModelFiles(texts: readonly string[]): Map<string, string | Uint8Array> {
  const vocabulary = buildVocabulary(texts);
  return new Map<string, string | Uint8Array>([
    ['config.json', json(configJson(vocabulary.tokens.length))],
    ['tokenizer.json', json(tokenizerJson(vocabulary.tokens))],
    ['tokenizer_config.json', json(tokenizerConfigJson)],
    ['onnx/model.onnx', fp32Model(vocabulary)],
    ['onnx/model_quantized.onnx', q8Model(vocabulary)],
  ]);
}

export async function readCorpusTexts(corpusDir: string): Promise<string[]> {
  // Only the shipped articles: articles a user adds to corpus/ must not change the test model.
  const names = (await readdir(corpusDir)).filter((name) => SHIPPED_ARTICLE_NAME.test(name)).sort();
  return Promise.all(names.map((name) => readFile(path.join(corpusDir, name), 'utf8')));
}

/** Writes the model to `<modelsDir>/tiny-french-e5/` and returns the paths written. */
export async function generateTinyModel(
  modelsDir: string = DEFAULT_MODELS_DIR,
  corpusDir: string = DEFAULT_CORPUS_DIR,
): Promise<string[]> {
  const files = buildTinyModelFiles(await readCorpusTexts(corpusDir));
  const modelDir = path.join(modelsDir, TINY_MODEL_ID);
  const written: string[] = [];
  for (const [relative, content] of files) {
    const target = path.join(modelDir, relative);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
    written.push(target);
  }
  return written;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const [modelsDir, corpusDir] = process.argv.slice(2);
  const written = await generateTinyModel(modelsDir, corpusDir);
  for (const file of written) console.log(path.relative(process.cwd(), file));
}
