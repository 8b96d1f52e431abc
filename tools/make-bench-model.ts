/**
 * Generates the benchmark model: a random-weight encoder of intfloat/multilingual-e5-small's
 * exact shape (12 layers, hidden 384, 12 heads, feed-forward 1536, vocabulary 250,037), with
 * `onnx/model.onnx` (fp32) and `onnx/model_quantized.onnx` (q8) and an XLM-R-style Unigram
 * tokenizer, into the gitignored `.bench-models/` (see tools/bench/model/ensure-bench-model.ts).
 * Files already there are kept unless --force.
 *
 * Usage: npx tsx tools/make-bench-model.ts [q8|fp32 …] [--force]
 * Then:  MODELS_DIR=<printed modelsDir> MODEL_ID=<printed modelId> MODEL_DTYPE=q8 ALLOW_REMOTE_MODELS=false …
 */
import { benchModelFileSizes, generateBenchModel, type BenchDtype } from './bench/model/ensure-bench-model.js';

const args = process.argv.slice(2);
const force = args.includes('--force');
const unknown = args.filter((a) => a !== '--force' && a !== 'q8' && a !== 'fp32');
if (unknown.length > 0) {
  process.stderr.write(`make-bench-model: unknown argument(s) ${unknown.join(' ')}; usage: make-bench-model.ts [q8|fp32 …] [--force]\n`);
  process.exit(2);
}
const requested = args.filter((a): a is BenchDtype => a === 'q8' || a === 'fp32');
const dtypes: BenchDtype[] = requested.length > 0 ? requested : ['q8', 'fp32'];
const where = await generateBenchModel(dtypes, { force });
console.log(JSON.stringify({ ...where, files: await benchModelFileSizes() }, null, 2));
