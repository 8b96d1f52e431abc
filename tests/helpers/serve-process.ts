import { spawn, type ChildProcess } from 'node:child_process';
import { CLI_MAIN, cliEnvironment } from './run-cli.js';
import { REPO_ROOT } from './paths.js';

export interface ServeProcess {
  process: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** `serve` (what `npm start` runs) in a process of its own, on a free loopback port; resolves once it says Ready. */
export async function startServeProcess(settings: Record<string, string>): Promise<ServeProcess> {
  // One process (node with tsx's loader, not the tsx launcher and its child): a signal sent to it reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, 'serve'], { cwd: REPO_ROOT, env: cliEnvironment({ PORT: '0', ...settings }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  child.stdout!.on('data', () => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Ready line in 90 s:\n${stderr}`)), 90_000);
    const look = () => {
      const ready = /Ready: open (http:\/\/\S+)\//u.exec(stderr);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stderr!.on('data', look);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready:\n${stderr}`));
    });
  });
  return { process: child, url, stderr: () => stderr, exited };
}
