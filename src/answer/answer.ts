/** What every channel (HTTP, CLI, MCP) returns for a question. Field names are the public contract. */
import type { PassageReference } from '../retrieval/passage-reference.js';

/** A numbered source of an answer: `[index]` in the answer text points to it. */
export interface Citation extends PassageReference {
  index: number;
  /** The sentences of the excerpt the answer quotes, as offsets into `excerpt`, in order. */
  highlights: { start: number; end: number }[];
}

/**
 * Why an answer abstained: no passage is about the question, passages are about it but none states
 * the answer, or the question is in another language and only the embedding model could match it.
 */
export type AbstentionReason = 'not_in_corpus' | 'not_stated' | 'needs_model';

export interface Answer {
  answer: string;
  citations: Citation[];
  abstained: boolean;
  /** When abstained: why, and the closest passages, so that a reader is never left at a dead end. */
  abstention?: { reason: AbstentionReason };
  related?: PassageReference[];
}

export const ABSTENTION_MESSAGES: Record<AbstentionReason, Record<'fr' | 'en', string>> = {
  not_in_corpus: {
    fr: "Les articles du corpus ne permettent pas de répondre à cette question : aucun passage n'en traite.",
    en: 'The articles in the corpus do not answer this question: no passage deals with it.',
  },
  not_stated: {
    fr: "Des passages du corpus traitent de ce sujet, mais aucun ne dit ce que demande la question : voyez les passages les plus proches.",
    en: 'Some passages of the corpus deal with this subject, but none states what the question asks: see the closest passages.',
  },
  needs_model: {
    fr: "Cette question n'est pas en français : sans le modèle d'embedding multilingue, la recherche ne lit que les mots des articles, qui sont en français. Posez-la en français, ou installez le modèle (voir README).",
    en: 'The articles are in French and the multilingual embedding model is not loaded, so only French wording can be matched: ask in French, or install the model (see the README).',
  },
};

/** Kept for the page and older clients: the refusal when nothing in the corpus is about the question. */
export const ABSTENTION_MESSAGE = ABSTENTION_MESSAGES.not_in_corpus.fr;
