import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postJson, startTestApp, type RunningApp } from './helpers/running-app.js';

// The default model cannot be downloaded here (no network, as on CI): the product must say so and keep answering.
describe('without the embedding model', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startTestApp({ MODEL_ID: 'Xenova/multilingual-e5-small', MODELS_DIR: '/nonexistent-models', ALLOW_REMOTE_MODELS: 'false' });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('reports lexical mode and the reason in /health', async () => {
    const body = await (await fetch(`${app.url}/health`)).json();
    expect(body.mode).toBe('lexical');
    expect(body.model.available).toBe(false);
    expect(body.model.id).toBe('Xenova/multilingual-e5-small');
    expect(body.model.error).toMatch(/could not be loaded/);
    expect(body.model.error).toContain('MODELS_DIR');
    expect(body.model.error.split('\n')).toHaveLength(1);
    expect(body.index.vectors).toBeNull();
  });

  it('still answers the lobbying question with its citation', async () => {
    const { body } = await postJson(`${app.url}/ask`, { question: "Qui a été recrutée pour diriger le lobbying d'OpenAI en Europe ?" });
    expect(body.mode).toBe('lexical');
    expect(body.abstained).toBe(false);
    expect(body.answer).toContain('Julie Lavet');
    expect(body.citations[0].source).toBe('001_2f24b03e2d55c6bf.txt');
  });

  it('still abstains on an unanswerable question', async () => {
    const { body } = await postJson(`${app.url}/ask`, { question: 'Qui a remporté la Coupe du monde 2022 ?' });
    expect(body.abstained).toBe(true);
  });
});
