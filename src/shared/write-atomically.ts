import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `content` beside `target` under a hidden temporary name, then renames it: no reader ever sees half a file. */
export async function writeAtomically(target: string, content: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  await writeFile(temporary, content);
  await rename(temporary, target);
}
