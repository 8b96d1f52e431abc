export { LruCache } from './lru-cache.js';
export { sha256Hex } from './sha256.js';
export { roundMs } from './timing.js';
export { writeAtomically } from './write-atomically.js';
