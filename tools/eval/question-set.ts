/** The evaluation's question sets (eval/questions/*.json) and their one-time dev/test split (eval/split.json). */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const QUESTION_KINDS = ['paraphrase', 'literal', 'english', 'multi', 'unanswerable', 'tempting'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

const questionSchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  lang: z.string().min(2),
  kind: z.enum(QUESTION_KINDS),
  sources: z.array(z.string().min(1)),
  /** Groups of alternatives: an answer holds the key facts when it holds one alternative of every group. */
  keyFacts: z.array(z.array(z.string().min(1)).min(1)),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export type Split = 'dev' | 'test';
const splitSchema = z.record(z.string(), z.enum(['dev', 'test']));

export function isAnswerable(question: EvalQuestion): boolean {
  return question.kind !== 'unanswerable' && question.kind !== 'tempting';
}

export async function loadQuestions(file: string): Promise<EvalQuestion[]> {
  const parsed = z.array(questionSchema).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  for (const item of parsed.data) {
    if (isAnswerable(item) !== (item.sources.length > 0 && item.keyFacts.length > 0)) {
      throw new Error(`${file}: ${item.id}: answerable questions name sources and key facts, unanswerable ones neither`);
    }
  }
  return parsed.data;
}

export async function loadSplit(evalDir: string): Promise<Map<string, Split>> {
  const parsed = splitSchema.parse(JSON.parse(await readFile(path.join(evalDir, 'split.json'), 'utf8')));
  return new Map(Object.entries(parsed));
}
