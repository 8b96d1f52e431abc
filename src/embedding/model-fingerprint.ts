import { createHash } from 'node:crypto';
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

const FINGERPRINT_TEXT = 'Empreinte du modèle : une phrase fixe, toujours la même.';

/**
 * Identifies the model by what it computes, not by its name: new weights under the same model id
 * (a new revision, another MODELS_DIR) give another fingerprint, so stored vectors are not reused.
 * Rounded so that the last bits of float arithmetic do not matter.
 */
export async function modelFingerprint(embeddings: EmbeddingsInterface): Promise<string> {
  const vector = await embeddings.embedDocuments([FINGERPRINT_TEXT]);
  const rounded = (vector[0] ?? []).map((value) => value.toFixed(3)).join(',');
  return createHash('sha256').update(rounded).digest('hex').slice(0, 16);
}
