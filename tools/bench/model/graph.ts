/**
 * The ONNX graph of a BERT encoder (what optimum exports for `BertModel`), with seeded random
 * weights: embeddings (word + absolute position + token type, LayerNorm), then per layer
 * self-attention (masked keys get float32's lowest value added, as transformers does), a
 * residual + LayerNorm, an erf-GELU feed-forward, a residual + LayerNorm. Output
 * `last_hidden_state` [batch, sequence, hidden].
 *
 * q8 is built the way onnxruntime's `quantize_dynamic` (used for the published
 * `onnx/model_quantized.onnx`) rewrites it: each MatMul by a weight becomes
 * DynamicQuantizeLinear (activation → uint8, shared by the MatMuls reading the same input) +
 * MatMulInteger with an int8 weight (symmetric, zero point 0) + Cast + Mul by the product of the
 * two scales; the word-embedding Gather reads an int8 table and is followed by
 * DequantizeLinear. Position and token-type tables, biases and LayerNorms stay float, and the
 * attention MatMuls (activation × activation) stay float.
 */
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';
import { lazyFloatTensor, lazyInt8Tensor, type LazyTensor, type StreamedModel } from './onnx-writer.js';
import { BENCH_MODEL_VERSION, type BenchDtype, type BenchModelShape } from './shape.js';
import { filled, quantizeSymmetric, uniformWeights, type QuantizedTensor } from './weights.js';

const { onnx } = onnxProto;
const { DataType } = onnx.TensorProto;
const { AttributeType } = onnx.AttributeProto;

type Attribute = OnnxTypes.IAttributeProto;
const intAttr = (name: string, i: number): Attribute => ({ name, type: AttributeType.INT, i });
const intsAttr = (name: string, ints: number[]): Attribute => ({ name, type: AttributeType.INTS, ints });
const floatAttr = (name: string, f: number): Attribute => ({ name, type: AttributeType.FLOAT, f });

const FLOAT32_LOWEST = -3.4028234663852886e38;

class GraphBuilder {
  readonly nodes: OnnxTypes.INodeProto[] = [];
  readonly initializers: LazyTensor[] = [];
  private readonly quantizedInputs = new Map<string, [string, string, string]>();

  constructor(
    private readonly dtype: BenchDtype,
    private readonly shape: BenchModelShape,
  ) {}

  op(opType: string, inputs: string[], output: string, attribute: Attribute[] = []): string {
    this.nodes.push({ opType, name: `${output}_${opType}`, input: inputs, output: [output], attribute });
    return output;
  }

  /** A float tensor of seeded random values (std = initializer_range). */
  random(name: string, dims: number[]): string {
    const count = dims.reduce((a, b) => a * b, 1);
    this.initializers.push(lazyFloatTensor(name, dims, () => uniformWeights(weightKey(name), count, this.shape.initStd)));
    return name;
  }

  constant(name: string, dims: number[], value: number): string {
    const count = dims.reduce((a, b) => a * b, 1);
    this.initializers.push(lazyFloatTensor(name, dims, () => filled(count, value)));
    return name;
  }

  int64(name: string, values: number[]): string {
    this.initializers.push({
      name,
      dataType: DataType.INT64,
      dims: [values.length],
      byteLength: values.length * 8,
      bytes: () => new Uint8Array(BigInt64Array.from(values.map(BigInt)).buffer),
    });
    return name;
  }

  /**
   * An int8 copy of the random tensor `name` plus its scale and zero point; the weights are
   * quantized once, when the int8 tensor is written, and dropped once the scale is.
   */
  private quantizedRandom(name: string, dims: number[]): [values: string, scale: string, zeroPoint: string] {
    const count = dims.reduce((a, b) => a * b, 1);
    let memo: QuantizedTensor | null = null;
    const quantized = (): QuantizedTensor => (memo ??= quantizeSymmetric(uniformWeights(weightKey(name), count, this.shape.initStd)));
    const values = `${name}_quantized`;
    const scale = `${name}_scale`;
    const zeroPoint = `${name}_zero_point`;
    this.initializers.push(lazyInt8Tensor(values, dims, () => quantized().values));
    this.initializers.push(
      lazyFloatTensor(scale, [], () => {
        const result = Float32Array.of(quantized().scale);
        memo = null;
        return result;
      }),
    );
    this.initializers.push(lazyInt8Tensor(zeroPoint, [], () => new Int8Array(1)));
    return [values, scale, zeroPoint];
  }

  /** `input` × weight `name` [inputSize, outputSize] + bias, float or dynamically quantized. */
  linear(input: string, name: string, inputSize: number, outputSize: number): string {
    const bias = this.constant(`${name}.bias`, [outputSize], 0);
    let product: string;
    if (this.dtype === 'fp32') {
      product = this.op('MatMul', [input, this.random(`${name}.weight`, [inputSize, outputSize])], `${name}/MatMul`);
    } else {
      const [xq, xScale, xZero] = this.dynamicQuantize(input);
      const [wq, wScale, wZero] = this.quantizedRandom(`${name}.weight`, [inputSize, outputSize]);
      const integer = this.op('MatMulInteger', [xq, wq, xZero, wZero], `${name}/MatMulInteger`);
      const asFloat = this.op('Cast', [integer], `${name}/Cast`, [intAttr('to', DataType.FLOAT)]);
      const scale = this.op('Mul', [xScale, wScale], `${name}/scale`);
      product = this.op('Mul', [asFloat, scale], `${name}/MatMul`);
    }
    return this.op('Add', [product, bias], `${name}/Add`);
  }

  private dynamicQuantize(input: string): [string, string, string] {
    const known = this.quantizedInputs.get(input);
    if (known) return known;
    const base = `${input}/quant`;
    const outputs: [string, string, string] = [`${base}`, `${base}_scale`, `${base}_zero_point`];
    this.nodes.push({ opType: 'DynamicQuantizeLinear', name: `${base}_DynamicQuantizeLinear`, input: [input], output: outputs });
    this.quantizedInputs.set(input, outputs);
    return outputs;
  }

  layerNorm(input: string, name: string): string {
    const size = this.shape.hiddenSize;
    const gamma = this.constant(`${name}.weight`, [size], 1);
    const beta = this.constant(`${name}.bias`, [size], 0);
    return this.op('LayerNormalization', [input, gamma, beta], `${name}/LayerNorm`, [
      intAttr('axis', -1),
      floatAttr('epsilon', this.shape.layerNormEps),
    ]);
  }

  wordEmbeddings(inputIds: string): string {
    const name = 'embeddings.word_embeddings.weight';
    const dims = [this.shape.vocabSize, this.shape.hiddenSize];
    if (this.dtype === 'fp32') {
      return this.op('Gather', [this.random(name, dims), inputIds], 'embeddings/word', [intAttr('axis', 0)]);
    }
    const [values, scale, zeroPoint] = this.quantizedRandom(name, dims);
    const gathered = this.op('Gather', [values, inputIds], 'embeddings/word_quantized', [intAttr('axis', 0)]);
    return this.op('DequantizeLinear', [gathered, scale, zeroPoint], 'embeddings/word');
  }
}

const weightKey = (name: string): string => `bench-e5-small/v${BENCH_MODEL_VERSION}/${name}`;

function buildEncoder(builder: GraphBuilder, shape: BenchModelShape): string {
  const { hiddenSize, numHeads, numLayers, intermediateSize, maxPositions, typeVocabSize } = shape;
  const headSize = hiddenSize / numHeads;
  const b = builder;

  // Embeddings: word + position (0 … sequence-1) + token type, then LayerNorm.
  const word = b.wordEmbeddings('input_ids');
  const inputShape = b.op('Shape', ['input_ids'], 'embeddings/input_shape');
  const sequenceLength = b.op('Slice', [inputShape, b.int64('const_1', [1]), b.int64('const_2', [2])], 'embeddings/sequence_length');
  const positionTable = b.random('embeddings.position_embeddings.weight', [maxPositions, hiddenSize]);
  const positions = b.op('Slice', [positionTable, b.int64('const_0', [0]), sequenceLength, b.int64('const_axis_0', [0])], 'embeddings/position');
  const typeTable = b.random('embeddings.token_type_embeddings.weight', [typeVocabSize, hiddenSize]);
  const types = b.op('Gather', [typeTable, 'token_type_ids'], 'embeddings/token_type', [intAttr('axis', 0)]);
  const summed = b.op('Add', [b.op('Add', [word, types], 'embeddings/word_type'), positions], 'embeddings/sum');
  let hidden = b.layerNorm(summed, 'embeddings.LayerNorm');

  // Attention bias [batch, 1, 1, sequence]: 0 for tokens, float32's lowest for padding.
  const maskFloat = b.op('Cast', ['attention_mask'], 'mask/float', [intAttr('to', DataType.FLOAT)]);
  const inverted = b.op('Sub', [b.constant('const_one', [], 1), maskFloat], 'mask/inverted');
  const bias2d = b.op('Mul', [inverted, b.constant('const_lowest', [], FLOAT32_LOWEST)], 'mask/bias2d');
  const maskBias = b.op('Unsqueeze', [bias2d, b.int64('const_axes_1_2', [1, 2])], 'mask/bias');

  const splitHeads = b.int64('const_split_heads', [0, 0, numHeads, headSize]);
  const mergeHeads = b.int64('const_merge_heads', [0, 0, hiddenSize]);
  const inverseSqrtHead = b.constant('const_inv_sqrt_head', [], 1 / Math.sqrt(headSize));
  const half = b.constant('const_half', [], 0.5);
  const sqrt2 = b.constant('const_sqrt2', [], Math.SQRT2);

  for (let layer = 0; layer < numLayers; layer++) {
    const p = `encoder.layer.${layer}`;
    const heads = (name: string, perm: number[]): string => {
      const projected = b.linear(hidden, `${p}.attention.self.${name}`, hiddenSize, hiddenSize);
      const split = b.op('Reshape', [projected, splitHeads], `${p}.attention.self.${name}/heads`);
      return b.op('Transpose', [split], `${p}.attention.self.${name}/transposed`, [intsAttr('perm', perm)]);
    };
    const query = heads('query', [0, 2, 1, 3]); // [B, H, S, D]
    const key = heads('key', [0, 2, 3, 1]); // [B, H, D, S]
    const value = heads('value', [0, 2, 1, 3]); // [B, H, S, D]
    const rawScores = b.op('MatMul', [query, key], `${p}.attention.self/scores_raw`);
    const scaled = b.op('Mul', [rawScores, inverseSqrtHead], `${p}.attention.self/scores_scaled`);
    const scores = b.op('Add', [scaled, maskBias], `${p}.attention.self/scores`);
    const probs = b.op('Softmax', [scores], `${p}.attention.self/probs`, [intAttr('axis', -1)]);
    const context = b.op('MatMul', [probs, value], `${p}.attention.self/context_heads`);
    const contextT = b.op('Transpose', [context], `${p}.attention.self/context_transposed`, [intsAttr('perm', [0, 2, 1, 3])]);
    const merged = b.op('Reshape', [contextT, mergeHeads], `${p}.attention.self/context`);
    const attentionOut = b.linear(merged, `${p}.attention.output.dense`, hiddenSize, hiddenSize);
    const attentionResidual = b.op('Add', [attentionOut, hidden], `${p}.attention.output/residual`);
    const attended = b.layerNorm(attentionResidual, `${p}.attention.output.LayerNorm`);

    // Feed-forward with the exact (erf) GELU: x · 0.5 · (1 + erf(x / √2)).
    const inner = b.linear(attended, `${p}.intermediate.dense`, hiddenSize, intermediateSize);
    const erf = b.op('Erf', [b.op('Div', [inner, sqrt2], `${p}.intermediate/div`)], `${p}.intermediate/erf`);
    const onePlus = b.op('Add', [erf, b.constant(`${p}.intermediate/const_one`, [], 1)], `${p}.intermediate/one_plus`);
    const gelu = b.op('Mul', [b.op('Mul', [inner, half], `${p}.intermediate/half`), onePlus], `${p}.intermediate/gelu`);
    const outer = b.linear(gelu, `${p}.output.dense`, intermediateSize, hiddenSize);
    const outputResidual = b.op('Add', [outer, attended], `${p}.output/residual`);
    hidden = b.layerNorm(outputResidual, `${p}.output.LayerNorm`);
  }
  return b.op('Identity', [hidden], 'last_hidden_state');
}

const dim = (d: string | number): OnnxTypes.TensorShapeProto.IDimension =>
  typeof d === 'number' ? { dimValue: d } : { dimParam: d };

const valueInfo = (name: string, elemType: number, dims: Array<string | number>): OnnxTypes.IValueInfoProto => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map(dim) } } },
});

/** The whole model for `dtype`, ready for `writeOnnxModel`. */
export function buildBenchModel(dtype: BenchDtype, shape: BenchModelShape): StreamedModel {
  const builder = new GraphBuilder(dtype, shape);
  buildEncoder(builder, shape);
  const tokens = ['batch_size', 'sequence_length'];
  return {
    model: {
      irVersion: 8,
      producerName: 'french-news-qa/tools/make-bench-model.ts',
      producerVersion: String(BENCH_MODEL_VERSION),
      docString: `Random-weight encoder of intfloat/multilingual-e5-small's shape (${dtype}), for benchmarks only: its vectors mean nothing.`,
      opsetImport: [{ domain: '', version: 17 }],
    },
    graph: {
      name: `bench_multilingual_e5_small_${dtype}`,
      node: builder.nodes,
      input: [
        valueInfo('input_ids', DataType.INT64, tokens),
        valueInfo('attention_mask', DataType.INT64, tokens),
        valueInfo('token_type_ids', DataType.INT64, tokens),
      ],
      output: [valueInfo('last_hidden_state', DataType.FLOAT, [...tokens, shape.hiddenSize])],
    },
    largeInitializers: builder.initializers,
  };
}
