import { type ChildProcessHandle, freePort } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, ns, putValue, readSse, startConfigProcess, testEnv } from './helpers.js';

describe('config-svc processes sharing one Redis', () => {
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
      startConfigProcess({ ...env, INSTANCE_ID: 'config-a' }, portA),
      startConfigProcess({ ...env, INSTANCE_ID: 'config-b' }, portB),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('agree: a write through one is read, and watched, through the other', async () => {
    const watching = readSse(`${urlB}/v1/config/${ns('shop/prod')}/_watch?fromRevision=0`, { until: (events) => events.length >= 2 });
    expect((await putValue(urlA, 'shop/prod', 'currency', 'EUR')).status).toBe(201);
    expect((await putValue(urlB, 'shop/prod', 'currency', 'USD', { 'if-match': '"1"' })).status).toBe(200);
    expect((await putValue(urlA, 'shop/prod', 'currency', 'GBP', { 'if-match': '"1"' })).status).toBe(412);
    const events = await watching;
    expect(events.map((e) => JSON.parse(e.data).data.value)).toEqual(['EUR', 'USD']);
    expect((await call(`${urlA}/v1/config/${ns('shop/prod')}/currency`)).body.value).toBe('USD');
  });

  it('stop gracefully on SIGTERM, ending watch streams so clients resume elsewhere', async () => {
    const watching = readSse(`${urlA}/v1/config/${ns('shop/prod')}/_watch?fromRevision=2`, { until: () => false, timeoutMs: 20_000 });
    await new Promise((r) => setTimeout(r, 300));
    const exitCode = await a.stop('SIGTERM');
    expect(exitCode).toBe(0);
    // The stream ended with the process (well before the read's own timeout).
    expect(await watching).toEqual([]);
    expect((await putValue(urlB, 'shop/prod', 'currency', 'CHF')).status).toBe(200);
  });
});
