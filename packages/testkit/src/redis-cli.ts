import { execFile } from 'node:child_process';
import { redisBinaries } from './redis-binaries.js';

export interface RedisCliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `redis-cli ...args` (e.g. `['-p', '6379', '-c', 'SET', 'k', 'v']`) and resolves with its
 * exit code and output; rejects only when it cannot be run or times out (default 30 s).
 */
export function redisCli(args: readonly string[], opts: { timeoutMs?: number; input?: string } = {}): Promise<RedisCliResult> {
  const { cli } = redisBinaries();
  return new Promise((resolve, reject) => {
    const child = execFile(
      cli,
      [...args],
      { timeout: opts.timeoutMs ?? 30_000, killSignal: 'SIGKILL', maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof err.code !== 'number') {
          const reason = err.killed ? `timed out after ${opts.timeoutMs ?? 30_000} ms` : err.message;
          reject(new Error(`redis-cli ${args.join(' ')}: ${reason}\n${stdout}${stderr}`, { cause: err }));
          return;
        }
        resolve({ code: err ? (err.code as unknown as number) : 0, stdout, stderr });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
    else child.stdin?.end();
  });
}
