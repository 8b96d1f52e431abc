/** How the product reaches PostgreSQL (STORE=postgres). */
export interface PostgresSettings {
  /** postgres://user:password@host:port/database */
  url: string;
  /** Connections this process opens at most (PG_POOL_MAX). */
  poolMax: number;
  /** How long to wait for a connection before the request is answered 503 (PG_CONNECT_TIMEOUT_MS). */
  connectTimeoutMs: number;
  /** A query running longer is cancelled by the server (PG_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** HNSW's candidate list at query time (HNSW_EF_SEARCH): higher finds more true neighbours, slower. */
  efSearch: number;
  /** Articles embedded and committed together by `npm run index` (PG_INDEX_BATCH). */
  indexBatchArticles: number;
}
