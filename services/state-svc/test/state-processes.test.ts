import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type ChildProcessHandle, freePort, startProcess, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, startStateProcess, testEnv } from './helpers.js';

const REGISTRY_SERVER = join(dirname(createRequire(import.meta.url).resolve('@trellis/registry-svc/package.json')), 'dist/server.js');

async function stateInstances(registryUrl: string): Promise<string[]> {
  const body = (await (await fetch(`${registryUrl}/v1/services/state-svc/instances`)).json()) as { instances: { instanceId: string }[] };
  return body.instances.map((i) => i.instanceId).sort();
}

describe('state-svc processes with registry-svc, sharing one Redis', () => {
  const env = testEnv();
  let registry: ChildProcessHandle;
  let a: ChildProcessHandle;
  let b: ChildProcessHandle;
  let registryUrl: string;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    const [registryPort, portA, portB] = [await freePort(), await freePort(), await freePort()];
    registryUrl = `http://127.0.0.1:${registryPort}`;
    urlA = `http://127.0.0.1:${portA}`;
    urlB = `http://127.0.0.1:${portB}`;
    registry = await startProcess({
      command: process.execPath,
      args: [REGISTRY_SERVER],
      env: { ...env, PORT: String(registryPort), HOST: '127.0.0.1', INSTANCE_ID: 'registry-1' },
      readyUrl: `${registryUrl}/readyz`,
    });
    [a, b] = await Promise.all([
      startStateProcess({ ...env, INSTANCE_ID: 'state-a', REGISTRY_URL: registryUrl }, portA),
      startStateProcess({ ...env, INSTANCE_ID: 'state-b', REGISTRY_URL: registryUrl }, portB),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await registry?.stop();
  });

  it('register themselves and are discoverable', async () => {
    await waitFor(async () => (await stateInstances(registryUrl)).length === 2 || undefined, { timeoutMs: 10_000 });
    expect(await stateInstances(registryUrl)).toEqual(['state-a', 'state-b']);
  });

  it('agree on documents and locks across processes', async () => {
    const created = await call(urlA, 'PUT', '/v1/state/procs/doc', { body: { data: { from: 'a' } } });
    expect(created.status).toBe(201);
    const read = await call(urlB, 'GET', '/v1/state/procs/doc');
    expect(read.headers.get('etag')).toBe(created.headers.get('etag'));
    const etag = created.headers.get('etag')!;
    expect((await call(urlB, 'PUT', '/v1/state/procs/doc', { body: { data: 1 }, headers: { 'if-match': etag } })).status).toBe(200);
    const stale = await call(urlA, 'PUT', '/v1/state/procs/doc', { body: { data: 2 }, headers: { 'if-match': etag } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).not.toBe(etag);

    const lock = await call(urlA, 'POST', '/v1/locks/procs', { body: { owner: 'a', ttlMs: 10_000 } });
    expect(lock.status).toBe(201);
    const waiting = call(urlB, 'POST', '/v1/locks/procs', { body: { owner: 'b', ttlMs: 10_000, waitMs: 20_000 } });
    await new Promise((r) => setTimeout(r, 200));
    expect((await call(urlA, 'DELETE', '/v1/locks/procs', { body: { token: lock.body.token } })).status).toBe(204);
    const granted = await waiting;
    expect(granted.status).toBe(201);
    expect(granted.body.fencingToken).toBe(lock.body.fencingToken + 1);
  });

  it('leave the registry on SIGTERM and exit cleanly', async () => {
    expect(await b.stop('SIGTERM')).toBe(0);
    expect(await stateInstances(registryUrl)).toEqual(['state-a']);
  });
});
