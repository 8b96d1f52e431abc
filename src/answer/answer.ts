/** What every channel (HTTP, CLI, MCP) returns for a question. Field names are the public contract. */
export interface Citation {
  index: number;
  source: string;
  title: string | null;
  date: string | null;
  excerpt: string;
  start: number;
  end: number;
  score: number;
}

export interface Answer {
  answer: string;
  citations: Citation[];
  abstained: boolean;
}

export const ABSTENTION_MESSAGE =
  "Les articles du corpus ne permettent pas de répondre à cette question : je n'y ai trouvé aucun passage qui en traite.";
