import { defineConfig } from 'vitest/config';

/**
 * The tests of what users see through the HTTP API, MCP and answers, run a second time with
 * PostgreSQL as the store (TEST_STORE=postgres: each test's workspace gets a schema of its own in
 * the server scripts/start-postgres.sh starts): both stores must pass the same tests.
 */
const ON_BOTH_STORES = [
  'tests/server.test.ts',
  'tests/sources-api.test.ts',
  'tests/openai-compatible.test.ts',
  'tests/contracts.test.ts',
  'tests/llm-answers.test.ts',
  'tests/answer.test.ts',
  'tests/retrieval.test.ts',
  'tests/mcp.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['tests/helpers/global-setup.ts'],
    projects: [
      { extends: true, test: { name: 'embedded', include: ['tests/**/*.test.ts'] } },
      { extends: true, test: { name: 'postgres', include: ON_BOTH_STORES, env: { TEST_STORE: 'postgres' } } },
    ],
  },
});
