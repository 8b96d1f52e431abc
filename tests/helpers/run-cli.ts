import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

export const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
export const CLI_MAIN = path.join(REPO_ROOT, 'src/cli/main.ts');

/** The environment a spawned command gets: the given settings, plus only PATH and HOME from this process. */
export function cliEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], ...settings };
}

const CLI_TIMEOUT_MS = 110_000;

/** Runs the command line (`tsx src/cli/main.ts …`) to its exit. */
export function runCli(args: string[], settings: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // node with tsx's loader: one process, so that a kill reaches the command itself.
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...args], { env: cliEnvironment(settings), cwd: REPO_ROOT });
    // A command that never ends fails its test instead of outliving it.
    const timer = setTimeout(() => child.kill('SIGKILL'), CLI_TIMEOUT_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
