/** The corpora the evaluation runs on, each with its question sets. Paths are relative to the project root. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface EvalCorpus {
  name: string;
  description: string;
  /** Absolute paths of the files that make the corpus. */
  files: (projectRoot: string) => Promise<string[]>;
  questionFiles: string[];
  /**
   * Never looked at while tuning the answerer's rules: its misses are never listed, so that its
   * figures stay a fair guess of a corpus nobody tuned on (its weights are fitted without it, as every
   * corpus's are).
   */
  heldOut?: boolean;
}

/** The five articles the product ships with (their names, as in GUIDE.md); articles a user added to corpus/ are left out. */
const SHIPPED_ARTICLE = /^00[0-4]_[0-9a-f]{16}\.txt$/u;

async function filesIn(dir: string, keep: (name: string) => boolean): Promise<string[]> {
  return (await readdir(dir)).filter(keep).sort().map((name) => path.join(dir, name));
}

/**
 * A documentation set from a Debian package under eval/corpora/NAME/corpus (made by that folder's
 * select.sh, with the package's licence beside it), with its questions in eval/questions/NAME.json.
 */
function documentation(name: string, description: string, extension: string, heldOut = false): EvalCorpus {
  return {
    name,
    description,
    files: (root) => filesIn(path.join(root, 'eval/corpora', name, 'corpus'), (file) => file.endsWith(extension)),
    questionFiles: [`eval/questions/${name}.json`],
    ...(heldOut ? { heldOut } : {}),
  };
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
  documentation('gimp-help', "30 pages of GIMP's French help (DocBook HTML with its navigation)", '.html'),
  documentation('lilypond-doc', "30 pages of LilyPond's French manuals and site (texinfo HTML with its sidebar)", '.html'),
  documentation('kicad-doc', "30 sections of KiCad's French manuals as Markdown (much of the text untranslated English)", '.md'),
  documentation('debian-edu', "32 sections of the Debian Edu 12 manual as plain text; held out from tuning", '.txt', true),
];
