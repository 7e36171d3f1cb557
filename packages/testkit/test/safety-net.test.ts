import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startProcess, waitFor } from '../src/index.js';
import { pidAlive } from './pid-alive.js';

// A separate Node process must load testkit as JavaScript: these tests use the build (turbo runs
// `build` before `test`; run `pnpm build` first when invoking vitest by hand).
const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

const script = (ending: string) => `
import { startRedis } from ${JSON.stringify(dist)};
const redis = await startRedis();
console.log(JSON.stringify({ pid: redis.pid, dir: redis.dir }));
${ending}
`;

function run(code: string): Promise<{ pid: number; dir: string }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', code], { timeout: 20_000 }, (err, stdout, stderr) => {
      const line = stdout.trim().split('\n')[0];
      if (!line) reject(new Error(`no output: ${err?.message ?? ''} ${stderr}`));
      else resolve(JSON.parse(line));
    });
  });
}

describe.skipIf(!existsSync(dist))('safety net (built package)', () => {
  it('kills servers and removes their dirs when the process exits without stopping them', async () => {
    const { pid, dir } = await run(script('process.exit(0);'));
    expect(pidAlive(pid)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('kills servers and removes their dirs when the process is terminated by a signal', async () => {
    const proc = await startProcess({
      command: process.execPath,
      args: ['--input-type=module', '-e', script('setInterval(() => {}, 1000);')],
    });
    const { pid, dir } = await waitFor(() => {
      const line = proc.output().trim().split('\n')[0];
      return line ? (JSON.parse(line) as { pid: number; dir: string }) : undefined;
    });
    expect(pidAlive(pid)).toBe(true);
    // SIGTERM to the Node process only (not its group): the registry must clean up by itself.
    process.kill(proc.pid, 'SIGTERM');
    await proc.exited;
    await waitFor(() => !pidAlive(pid), { timeoutMs: 2000, message: `redis ${pid} to be gone` });
    expect(existsSync(dir)).toBe(false);
  });
});
