/**
 * Seeded random weights. Every tensor gets its own seed from its name, so the fp32 and q8 files
 * hold the same weights (the q8 ones quantized) whichever is generated first, and the output is
 * byte-for-byte reproducible: only integer arithmetic and correctly rounded float operations.
 */

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small PRNG giving the same sequence on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedOf(key: string): number {
  return fnv1a(key);
}

/** `count` values uniform in [-a, a] with standard deviation `std` (a = std·√3), seeded by `key`. */
export function uniformWeights(key: string, count: number, std: number): Float32Array {
  const out = new Float32Array(count);
  const amplitude = std * Math.sqrt(3);
  let a = seedOf(key) >>> 0;
  // mulberry32 inlined: this loop fills ~117 M values.
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = (u * 2 - 1) * amplitude;
  }
  return out;
}

export function filled(count: number, value: number): Float32Array {
  return new Float32Array(count).fill(value);
}

export interface QuantizedTensor {
  values: Int8Array;
  scale: number;
}

/**
 * Symmetric per-tensor int8 quantization, as onnxruntime's `quantize_dynamic` does for weights
 * (QInt8, zero point 0): q = round(x / scale), scale = max|x| / 127.
 */
export function quantizeSymmetric(values: Float32Array): QuantizedTensor {
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const x = Math.abs(values[i] ?? 0);
    if (x > maxAbs) maxAbs = x;
  }
  const scale = maxAbs > 0 ? Math.fround(maxAbs / 127) : 1;
  const out = new Int8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const q = Math.round((values[i] ?? 0) / scale);
    out[i] = q > 127 ? 127 : q < -127 ? -127 : q;
  }
  return { values: out, scale };
}
