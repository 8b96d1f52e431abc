/** The limits of every request, in one place: the routes, the MCP tools and the OpenAPI document read them here. */
export const LIMITS = {
  questionCharacters: 2000,
  /** Characters of one earlier turn of a conversation (an answer with its sources fits). */
  turnCharacters: 8000,
  historyTurns: 50,
  askPassages: 20,
  searchPassages: 50,
  sourceIdCharacters: 300,
  sourcesPerFilter: 100,
  /** An answer as given back with a verdict (an LLM's answer is at most a few thousand characters). */
  feedbackAnswerCharacters: 20_000,
  feedbackCitations: 20,
  commentCharacters: 2000,
  /** OpenAI-compatible chat: characters of one message's content, and messages in a request. */
  chatMessageCharacters: 20_000,
  chatContentParts: 50,
  chatMessages: 100,
  modelNameCharacters: 200,
} as const;

/** Kept for callers that name the question limit alone. */
export const MAX_QUESTION_LENGTH = LIMITS.questionCharacters;
