import type { HNSWLib } from '@langchain/community/vectorstores/hnswlib';
import type { Passage } from '../chunking/index.js';
import type { Manifest } from './manifest.js';

/**
 * What must hold between the files of a generation whatever their checksums say (a bug in a build,
 * or files from two builds): one clear sentence for the first that does not. Cheap: a few passes
 * over the passages and the vector ids.
 */
export function passageInvariantProblem(passages: readonly Passage[], manifest: Manifest): string | null {
  if (passages.length !== manifest.counts.passages) return `passages.json holds ${passages.length} passages, the manifest says ${manifest.counts.passages}`;
  const perFile = new Map<string, number>();
  const ids = new Set<string>();
  for (const passage of passages) {
    if (ids.has(passage.id)) return `passages.json holds passage ${passage.id} twice`;
    ids.add(passage.id);
    if (!manifest.files[passage.source]) return `passages.json cites ${passage.source}, which the manifest does not list`;
    const problem = passageProblem(passage);
    if (problem) return problem;
    perFile.set(passage.source, (perFile.get(passage.source) ?? 0) + 1);
  }
  for (const [source, file] of Object.entries(manifest.files)) {
    if ((perFile.get(source) ?? 0) !== file.passages) return `${source} has ${perFile.get(source) ?? 0} passages, the manifest says ${file.passages}`;
  }
  return null;
}

/** What the loader refuses in one passage: offsets that are not an ordered range in the file, or no text. */
export function passageProblem(passage: Passage): string | null {
  if (!Number.isInteger(passage.start) || !Number.isInteger(passage.end) || passage.start < 0 || passage.end <= passage.start) {
    return `passage ${passage.id} has offsets ${passage.start}–${passage.end}`;
  }
  if (typeof passage.text !== 'string' || passage.text.length === 0) return `passage ${passage.id} has no text`;
  return null;
}

/** The vector store must hold one vector per passage, labels 0…n-1, each naming its passage with its text. */
export function denseInvariantProblem(dense: HNSWLib, passagesById: ReadonlyMap<string, Passage>): string | null {
  const count = passagesById.size;
  if (dense.index.getCurrentCount() !== count) return `the vector index holds ${dense.index.getCurrentCount()} vectors for ${count} passages`;
  const labels = dense.index.getIdsList();
  const seen = new Set<number>();
  for (const label of labels) {
    if (!Number.isInteger(label) || label < 0 || label >= count || seen.has(label)) return `the vector index has label ${label} (expected each of 0…${count - 1} once)`;
    seen.add(label);
    const document = dense.docstore._docs.get(String(label));
    if (!document) return `vector ${label} has no document in docstore.json`;
    const passage = passagesById.get(String(document.metadata['id']));
    if (!passage) return `vector ${label} names passage ${String(document.metadata['id'])}, which passages.json does not hold`;
    if (document.pageContent !== passage.text) return `vector ${label}'s text differs from passage ${passage.id}'s`;
  }
  return null;
}
