import { type ChildProcessHandle, freePort, startProcess } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, SERVER, sleep, testEnv } from './helpers.js';

function startFlagsProcess(env: Record<string, string>, port: number): Promise<ChildProcessHandle> {
  return startProcess({
    command: process.execPath,
    args: [SERVER],
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    readyUrl: `http://127.0.0.1:${port}/readyz`,
  });
}

describe('flags-svc processes sharing one Redis', () => {
  const env = testEnv();
  let a: ChildProcessHandle;
  let b: ChildProcessHandle;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    [a, b] = await Promise.all([
      startFlagsProcess({ ...env, INSTANCE_ID: 'flags-a' }, portA),
      startFlagsProcess({ ...env, INSTANCE_ID: 'flags-b' }, portB),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('a change written through one process is evaluated by the other', async () => {
    await call(urlA, 'PUT', '/v1/flags/shared', { body: { enabled: false, strategies: [] } });
    const evaluate = async () => (await call(urlB, 'POST', '/ofrep/v1/evaluate/flags/shared', { body: { context: {} } })).body.value;
    await expectEventually(evaluate, false);
    for (const enabled of [true, false, true]) {
      await call(urlA, 'POST', `/v1/flags/shared/${enabled ? 'enable' : 'disable'}`);
      await expectEventually(evaluate, enabled);
    }
  });

  it('stops gracefully on SIGTERM, flushing its usage counts', async () => {
    for (let i = 0; i < 3; i += 1) await call(urlB, 'POST', '/ofrep/v1/evaluate/flags/shared', { body: {} });
    expect(await b.stop('SIGTERM')).toBe(0);
    const usage = await call(urlA, 'GET', '/v1/flags/shared/usage?minutes=5');
    expect(usage.body.totals.yes + usage.body.totals.no).toBeGreaterThanOrEqual(3);
  });
});

async function expectEventually(read: () => Promise<unknown>, expected: unknown, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value === expected) return;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)}, expected ${JSON.stringify(expected)}`);
    await sleep(5);
  }
}
