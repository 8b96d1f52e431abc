/** What every channel (HTTP, CLI, MCP) returns for a question. Field names are the public contract. */
import type { PassageReference } from '../retrieval/passage-reference.js';

/** A numbered source of an answer: `[index]` in the answer text points to it. */
export interface Citation extends PassageReference {
  index: number;
  /** The sentences of the excerpt the answer quotes, as offsets into `excerpt`, in order. */
  highlights: { start: number; end: number }[];
}

export interface Answer {
  answer: string;
  citations: Citation[];
  abstained: boolean;
}

export const ABSTENTION_MESSAGE =
  "Les articles du corpus ne permettent pas de répondre à cette question : je n'y ai trouvé aucun passage qui en traite.";
