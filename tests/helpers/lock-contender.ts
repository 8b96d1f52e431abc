// Run as a separate process by the index-lock test: takes the index lock, logs start and end around a short build.
import { appendFile } from 'node:fs/promises';
import { withIndexLock } from '../../src/index/index-lock.js';

const [indexDir, logFile, name] = process.argv.slice(2) as [string, string, string];
await withIndexLock(indexDir, async () => {
  await appendFile(logFile, `${name} start\n`);
  await new Promise((resolve) => setTimeout(resolve, 150));
  await appendFile(logFile, `${name} end\n`);
});
