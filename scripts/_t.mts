import { loadEmbedder } from '../src/embedding/index.js';
const { embedder } = await loadEmbedder({ modelId: 'tiny-french-e5', modelsDir: 'tests/fixtures/models', allowRemoteModels: false, dtype: 'q8', batchSize: 16, queryPrefix: 'query: ', passagePrefix: 'passage: ', cacheDir: null });
const ps = ['Julie Lavet recrutée pour diriger le lobbying','Un bureau sera inauguré à Paris par OpenAI','Google a ouvert un laboratoire d’IA en 2018','Les investisseurs ont apporté des milliards de dollars','Sam Altman, fondateur de l’entreprise'];
const d = await embedder!.embedDocuments(ps);
for (const q of ['Qui dirige le lobbying ?', 'Où OpenAI ouvre-t-il un bureau ?', 'Combien de milliards ont été levés ?', 'Qui a fondé l’entreprise ?', 'Quand Google a-t-il ouvert son laboratoire ?']) {
  const v = await embedder!.embedQuery(q);
  console.log(q, d.map(x => x.reduce((s, a, i) => s + a * v[i]!, 0).toFixed(2)).join(' '));
}
