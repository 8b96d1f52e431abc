/** Whether the embedding model could be loaded, as reported by `/health`. */
export interface ModelStatus {
  id: string;
  available: boolean;
  dimensions: number | null;
  /** One line: what happened and what to do; null when the model is available. */
  error: string | null;
}
