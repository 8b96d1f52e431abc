/** The corpora the evaluation runs on, each with its question sets. Paths are relative to the project root. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface EvalCorpus {
  name: string;
  description: string;
  /** Absolute paths of the files that make the corpus. */
  files: (projectRoot: string) => Promise<string[]>;
  questionFiles: string[];
}

/** The five articles the product ships with (their names, as in GUIDE.md); articles a user added to corpus/ are left out. */
const SHIPPED_ARTICLE = /^00[0-4]_[0-9a-f]{16}\.txt$/u;

async function filesIn(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  return (await readdir(dir)).filter(keep).sort().map((name) => path.join(dir, name));
}

export const EVAL_CORPORA: EvalCorpus[] = [
  {
    name: 'news',
    description: 'the five shipped French news articles',
    files: (root) => filesIn(path.join(root, 'corpus'), (name) => SHIPPED_ARTICLE.test(name)),
    questionFiles: ['eval/questions/news-a.json', 'eval/questions/news-b.json', 'eval/questions/news-c.json'],
  },
  {
    name: 'libreoffice',
    description: "26 pages of LibreOffice's French help (HTML, MPL-2.0)",
    files: (root) => filesIn(path.join(root, 'eval/corpora/libreoffice-help/corpus'), (name) => name.endsWith('.html')),
    questionFiles: ['eval/questions/libreoffice.json'],
  },
];
