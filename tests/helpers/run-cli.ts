import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

export const TSX = path.join(REPO_ROOT, 'node_modules/.bin/tsx');
export const CLI_MAIN = path.join(REPO_ROOT, 'src/cli/main.ts');

/** The environment a spawned command gets: the given settings, plus only PATH and HOME from this process. */
export function cliEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], ...settings };
}

/** Runs the command line (`tsx src/cli/main.ts …`) to its exit. */
export function runCli(args: string[], settings: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [CLI_MAIN, ...args], { env: cliEnvironment(settings), cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
