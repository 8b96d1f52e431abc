import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type RunningApp } from './helpers/running-app.js';

interface Citations {
  citations: { index: number; source: string; excerpt: string }[];
}

describe('OpenAI-compatible API, called with the official openai client', () => {
  let app: RunningApp;
  let client: OpenAI;
  beforeAll(async () => {
    app = await startTestApp();
    client = new OpenAI({ baseURL: `${app.url}/v1`, apiKey: 'not-needed', maxRetries: 0 });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('lists its models', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['french-news-qa', 'default']);
  });

  it('answers the last user message with [n] markers, a sources list, and the structured citations in an extra field', async () => {
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [
        { role: 'system', content: 'Tu es un assistant.' },
        { role: 'user', content: 'Qui est Janine Korovesis ?' },
      ],
    });
    const content = completion.choices[0]?.message.content ?? '';
    expect(content).toMatch(/Janine Korovesis[^[]*\[1\]/u);
    expect(content).toMatch(/\n\nSources :\n\[1\] .+/u);
    const { citations } = completion as unknown as Citations;
    expect(citations[0]).toMatchObject({ index: 1, source: '000_71dcd0df67353d15.txt' });
    expect(citations[0]?.excerpt).toContain('Janine Korovesis');
  });

  it('streams, and the final chunk carries the citations', async () => {
    const stream = await client.chat.completions.create({ model: 'french-news-qa', stream: true, messages: [{ role: 'user', content: 'Qui est Janine Korovesis ?' }] });
    let content = '';
    let last: unknown = null;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? '';
      last = chunk;
    }
    expect(content).toMatch(/Janine Korovesis[^[]*\[1\][\s\S]*Sources :/u);
    expect((last as Citations).citations[0]?.source).toBe('000_71dcd0df67353d15.txt');
    expect((last as { choices: { finish_reason: string }[] }).choices[0]?.finish_reason).toBe('stop');
  });

  it('reads earlier messages as the history of a follow-up', async () => {
    const completion = await client.chat.completions.create({
      model: 'default',
      messages: [
        { role: 'user', content: 'Qui est Janine Korovesis ?' },
        { role: 'assistant', content: 'La vice-présidente des finances du groupe [1].' },
        { role: 'user', content: [{ type: 'text', text: 'Quel poste occupe-t-elle ?' }] },
      ],
    });
    // Answered, or refused with the closest passages quoted: either way the client reads the fact.
    expect(completion.choices[0]?.message.content).toContain('vice-présidente des finances du groupe, Janine Korovesis');
  });

  it('quotes the closest passages under a refusal, since a chat client shows only the text', async () => {
    const completion = await client.chat.completions.create({ model: 'default', messages: [{ role: 'user', content: "Quelle est l'adresse du bureau de Bruxelles ?" }] });
    const content = completion.choices[0]?.message.content ?? '';
    expect((completion as unknown as { abstained: boolean }).abstained).toBe(true);
    expect(content).toMatch(/^Je n'ai trouvé dans le corpus aucune phrase qui réponde à coup sûr à cette question[^\n]*\n\nPassages les plus proches :\n- .+ — \S+\.txt : « .+ »/u);
    expect(content).toContain('Bruxelles');
    const { related } = completion as unknown as { related: { source: string; excerpt: string }[] };
    expect(related.length).toBeGreaterThan(0);
  });

  it('refuses an unknown model and a conversation without a question, in OpenAI’s error shape', async () => {
    await expect(client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Bonjour ?' }] })).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
    await expect(client.chat.completions.create({ model: 'default', messages: [{ role: 'assistant', content: 'Bonjour.' }] })).rejects.toMatchObject({ status: 400 });
  });
});
