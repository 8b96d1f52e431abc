export { createPool, isUnavailable } from './pool.js';
export { migrate, SCHEMA_VERSION } from './migrations.js';
export { PostgresStore } from './postgres-store.js';
export { indexIntoPostgres, ModelChangeError, modelChangeMessage, sameStoredModel } from './index-into-postgres.js';
export type { PostgresIndexResult, StoredModel } from './index-into-postgres.js';
export { listenForCorpusChanges } from './corpus-changes.js';
export type { PostgresSettings } from './postgres-settings.js';
