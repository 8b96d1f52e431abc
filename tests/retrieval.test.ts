import { loadedIndexOf } from '../src/index/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine, type Engine } from '../src/engine.js';
import { reciprocalRankFusion } from '../src/retrieval/fusion.js';
import { searchHybrid } from '../src/retrieval/hybrid.js';
import { capPerSource } from '../src/retrieval/diversify.js';
import { makeWorkspace, testConfig, type Workspace } from './helpers/test-config.js';

describe('hybrid retrieval over the real index', () => {
  let workspace: Workspace;
  let engine: Engine;
  beforeAll(async () => {
    workspace = await makeWorkspace();
    engine = await openEngine(testConfig(workspace));
  });
  afterAll(async () => {
    await workspace.remove();
  });

  it('fuses dense and lexical results and ranks the lobbying passage first', async () => {
    const result = await searchHybrid(engine.store, engine.embeddings, 'Qui dirige le lobbying en Europe ?', { k: 5, maxPassagesPerArticle: 2 });
    expect(result.mode).toBe('hybrid');
    expect(result.passages[0]?.passage.source).toBe('001_2f24b03e2d55c6bf.txt');
    expect(result.passages[0]?.passage.text).toContain('Julie Lavet');
    expect(result.passages[0]?.denseScore).not.toBeNull();
    expect(result.passages[0]?.lexicalScore).not.toBeNull();
    expect(result.timings.denseMs).toBeGreaterThanOrEqual(0);
    expect(result.timings.lexicalMs).toBeGreaterThanOrEqual(0);
  });

  it('returns at most k passages and at most the configured number per article', async () => {
    for (const max of [1, 2]) {
      const result = await searchHybrid(engine.store, engine.embeddings, 'OpenAI Paris bureau', { k: 4, maxPassagesPerArticle: max });
      expect(result.passages.length).toBeLessThanOrEqual(4);
      const perSource = new Map<string, number>();
      for (const item of result.passages) perSource.set(item.passage.source, (perSource.get(item.passage.source) ?? 0) + 1);
      expect(Math.max(...perSource.values())).toBeLessThanOrEqual(max);
    }
  });

  it('works on lexical retrieval alone when no model is loaded', async () => {
    const result = await searchHybrid(engine.store, null, 'lobbying Europe', { k: 3, maxPassagesPerArticle: 2 });
    expect(result.mode).toBe('lexical');
    expect(result.timings.denseMs).toBeNull();
    expect(result.passages[0]?.passage.text).toContain('Julie Lavet');
    expect(result.passages.every((p) => p.denseScore === null)).toBe(true);
  });

  it('reciprocal rank fusion rewards agreement between the lists', () => {
    const fused = reciprocalRankFusion([
      [{ id: 'a', score: 0.9 }, { id: 'b', score: 0.8 }, { id: 'c', score: 0.1 }],
      [{ id: 'b', score: 12 }, { id: 'c', score: 11 }],
    ]);
    expect(fused.map((hit) => hit.id)).toEqual(['b', 'c', 'a']);
    expect(fused[0]?.score).toBeCloseTo(1 / 62 + 1 / 61);
  });

  it('capPerSource keeps order and drops the surplus of one source', () => {
    const items = ['x1', 'x2', 'y1', 'x3', 'y2'];
    expect(capPerSource(items, (item) => item[0]!, 2)).toEqual(['x1', 'x2', 'y1', 'y2']);
  });
});
