/** Runs the real `vigie` command (bin/vigie.js over dist/, built by `npm test`'s pretest) as a user would. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '../../bin/vigie.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function vigie(args: string[], env: Record<string, string> = {}, input?: string, timeoutMs = 60_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input ?? '');
  });
}

/** Starts a long-running command (serve, worker) and resolves once a log line matches `ready`. */
export function startVigie(args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 30_000): Promise<{ child: ChildProcess; match: RegExpMatchArray; stderr: () => string; stop(): Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vigie ${args.join(' ')} did not become ready:\n${stderr}`));
    }, timeoutMs);
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    child.stderr!.on('data', (d) => {
      stderr += d;
      const match = stderr.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          match,
          stderr: () => stderr,
          stop: async () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      reject(new Error(`vigie ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
}

/**
 * Runs `vigie` with its stdout on a pseudo-terminal (util-linux `script`), as in an operator's shell; null when
 * `script` is not installed. Output is what the terminal received (control sequences included).
 */
export function vigieOnTerminal(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<CliResult> | null {
  const script = ['/usr/bin/script', '/bin/script'].find((p) => existsSync(p));
  if (!script) return null;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(script, ['-qec', command, '/dev/null'], { env: { ...process.env, ...env, COLUMNS: '100', LINES: '30' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}
