/**
 * Writes an ONNX ModelProto to disk without holding the serialised model in memory.
 *
 * `onnx-proto` (protobufjs) encodes the graph's nodes, inputs, outputs and small tensors; large
 * initializers are appended by hand as protobuf fields (GraphProto.initializer = 5,
 * TensorProto.raw_data = 9), produced one at a time as the file is written. Protobuf allows
 * fields in any order, so the file is an ordinary ONNX model that onnxruntime reads as one piece
 * (no external data).
 */
import { open } from 'node:fs/promises';
import { endianness } from 'node:os';
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

/** A tensor whose bytes are produced only when written. */
export interface LazyTensor {
  name: string;
  dataType: number;
  dims: number[];
  byteLength: number;
  /** Little-endian raw bytes, exactly `byteLength` long. */
  bytes: () => Uint8Array;
}

const WIRE_LENGTH_DELIMITED = 2;
const tag = (field: number): number => (field << 3) | WIRE_LENGTH_DELIMITED;
const GRAPH_FIELD = 7; // ModelProto.graph
const INITIALIZER_FIELD = 5; // GraphProto.initializer
const RAW_DATA_FIELD = 9; // TensorProto.raw_data

function varint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`onnx-writer: bad length ${value}`);
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Uint8Array.from(bytes);
}

const fieldHeader = (field: number, length: number): Uint8Array => Buffer.concat([Uint8Array.of(tag(field)), varint(length)]);

export function floatBytes(values: Float32Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

export function lazyFloatTensor(name: string, dims: number[], make: () => Float32Array): LazyTensor {
  return {
    name,
    dataType: onnx.TensorProto.DataType.FLOAT,
    dims,
    byteLength: dims.reduce((a, b) => a * b, 1) * 4,
    bytes: () => floatBytes(make()),
  };
}

export function lazyInt8Tensor(name: string, dims: number[], make: () => Int8Array): LazyTensor {
  return {
    name,
    dataType: onnx.TensorProto.DataType.INT8,
    dims,
    byteLength: dims.reduce((a, b) => a * b, 1),
    bytes: () => {
      const values = make();
      return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    },
  };
}

interface EncodedTensor {
  tensor: LazyTensor;
  /** TensorProto without raw_data, then the raw_data field header. */
  head: Uint8Array;
  /** Length of the whole TensorProto message. */
  length: number;
}

function encodeTensorHead(tensor: LazyTensor): EncodedTensor {
  const meta = onnx.TensorProto.encode(
    onnx.TensorProto.create({ name: tensor.name, dataType: tensor.dataType, dims: tensor.dims }),
  ).finish();
  const head = Buffer.concat([meta, fieldHeader(RAW_DATA_FIELD, tensor.byteLength)]);
  return { tensor, head, length: head.length + tensor.byteLength };
}

export interface StreamedModel {
  /** ModelProto without its graph. */
  model: OnnxTypes.IModelProto;
  /** GraphProto holding nodes, inputs, outputs and small initializers. */
  graph: OnnxTypes.IGraphProto;
  /** Initializers written after the rest of the graph, one at a time. */
  largeInitializers: LazyTensor[];
}

/** Writes the model to `file`; returns the number of bytes written. */
export async function writeOnnxModel(file: string, { model, graph, largeInitializers }: StreamedModel): Promise<number> {
  if (endianness() !== 'LE') throw new Error('onnx-writer: raw tensor data must be little-endian');
  const modelHead = onnx.ModelProto.encode(onnx.ModelProto.create({ ...model, graph: null })).finish();
  const graphHead = onnx.GraphProto.encode(onnx.GraphProto.create(graph)).finish();
  const tensors = largeInitializers.map(encodeTensorHead);
  const entryHeaders = tensors.map((t) => fieldHeader(INITIALIZER_FIELD, t.length));
  const graphLength = tensors.reduce((sum, t, i) => sum + (entryHeaders[i]?.length ?? 0) + t.length, graphHead.length);

  const handle = await open(file, 'w');
  let written = 0;
  const write = async (bytes: Uint8Array): Promise<void> => {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    written += bytes.length;
  };
  try {
    await write(modelHead);
    await write(fieldHeader(GRAPH_FIELD, graphLength));
    await write(graphHead);
    for (const [i, { tensor, head }] of tensors.entries()) {
      const data = tensor.bytes();
      if (data.byteLength !== tensor.byteLength) {
        throw new Error(`onnx-writer: ${tensor.name} has ${data.byteLength} bytes, expected ${tensor.byteLength}`);
      }
      await write(entryHeaders[i] ?? new Uint8Array());
      await write(head);
      await write(data);
    }
  } finally {
    await handle.close();
  }
  return written;
}
