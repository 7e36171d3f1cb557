import { waitFor } from '@trellis/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Backend, body, deadPort, meshEnv, type RunningApp, register, startMesh, startRegistry } from './helpers.js';

describe('resolve and proxy', () => {
  let registry: RunningApp;
  let mesh: RunningApp;
  const backends: Backend[] = [];
  beforeAll(async () => {
    registry = await startRegistry();
    mesh = await startMesh(meshEnv({ REGISTRY_URL: registry.url }));
  });
  afterEach(async () => {
    await Promise.all(backends.splice(0).map((backend) => backend.stop()));
  });
  afterAll(async () => {
    await mesh.close();
    await registry.close();
  });

  async function backend(service: string, id: string, behaviour?: ConstructorParameters<typeof Backend>[1], extra = {}) {
    const started = await new Backend(id, behaviour).start();
    backends.push(started);
    await register(registry.url, service, id, started.port, extra);
    return started;
  }
  const putRoute = (path: string, body: unknown) =>
    fetch(`${mesh.url}/v1/routes/${path}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('resolves the healthy instances with effective weights after the splits', async () => {
    await backend('catalog', 'v1-a', undefined, { version: '1.0.0' });
    await backend('catalog', 'v1-b', undefined, { version: '1.0.0' });
    await backend('catalog', 'v1-c', undefined, { version: '1.0.0' });
    await backend('catalog', 'v2-a', undefined, { version: '2.0.0', tags: ['canary'] });
    await putRoute('web/catalog', {
      splits: [
        { name: 'stable', version: '1.0.0', weight: 90 },
        { name: 'canary', tag: 'canary', weight: 10 },
        { name: 'next', version: '3.0.0', weight: 50 },
      ],
    });
    const resolution = await body(fetch(`${mesh.url}/v1/resolve/web/catalog`));
    expect(resolution).toMatchObject({
      source: 'web',
      destination: 'catalog',
      route: { origin: 'explicit', loadBalancer: 'round-robin' },
      health: 'not-configured',
      emptySplits: ['next'],
      splitFallback: false,
      splits: [
        { name: 'stable', weight: 90, percent: 90, instances: 3 },
        { name: 'canary', weight: 10, percent: 10, instances: 1 },
      ],
    });
    const share = Object.fromEntries(resolution.instances.map((i: { instanceId: string; effectiveWeight: number }) => [i.instanceId, i.effectiveWeight]));
    expect(share).toEqual({ 'v1-a': 30, 'v1-b': 30, 'v1-c': 30, 'v2-a': 10 });
    expect(resolution.instances.find((i: { instanceId: string }) => i.instanceId === 'v2-a')).toMatchObject({ split: 'canary', health: 'unknown' });

    // Another source has no route: no splits, equal shares.
    const plain = await body(fetch(`${mesh.url}/v1/resolve/batch/catalog`));
    expect(plain.route.origin).toBe('default');
    expect(plain.instances.map((i: { effectiveWeight: number }) => i.effectiveWeight)).toEqual([25, 25, 25, 25]);
  });

  it('forwards method, path, query, raw body and headers, propagating x-request-id and the source', async () => {
    const echo = await backend('echo', 'echo-1', (request) => ({
      status: 201,
      body: JSON.stringify({ method: request.method, url: request.url, body: request.body.toString('base64') }),
      headers: { 'content-type': 'application/json', 'x-custom': 'yes' },
    }));
    const payload = Buffer.from([0, 1, 2, 250, 255]);
    const response = await fetch(`${mesh.url}/v1/proxy/echo/items/a%2Fb?x=1&y=two`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-request-id': 'req-123', 'x-trellis-source': 'web' },
      body: payload,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-custom')).toBe('yes');
    expect(response.headers.get('x-request-id')).toBe('req-123');
    expect(response.headers.get('x-trellis-upstream')).toBe('echo-1');
    expect(await body(response)).toEqual({ method: 'POST', url: '/items/a%2Fb?x=1&y=two', body: payload.toString('base64') });
    const seen = echo.seen[0]!;
    expect(seen.headers['x-request-id']).toBe('req-123');
    expect(seen.headers['x-trellis-source']).toBe('web');
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1');

    const json = await fetch(`${mesh.url}/v1/proxy/echo/json`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"not": "parsed"' });
    expect(json.status).toBe(201);
    expect(Buffer.from((await body(json)).body, 'base64').toString()).toBe('{"not": "parsed"');
    // No content-type at all: the bytes still pass.
    const untyped = await fetch(`${mesh.url}/v1/proxy/echo/raw`, { method: 'PATCH', body: new Uint8Array([7, 8, 9]) });
    expect(untyped.status).toBe(201);
    expect((await body(untyped)).body).toBe(Buffer.from([7, 8, 9]).toString('base64'));
    expect(echo.seen.at(-1)!.headers['content-type']).toBeUndefined();
    const anonymous = await fetch(`${mesh.url}/v1/proxy/echo/`);
    expect(anonymous.status).toBe(201);
    expect(echo.seen.at(-1)!.headers['x-trellis-source']).toBe('anonymous');
    expect(echo.seen.at(-1)!.headers['x-request-id']).toMatch(/^[\w-]{8,}$/);
  });

  it('retries 503 and connect failures on other instances, never 400', async () => {
    let flaky = 0;
    await backend('retry', 'flaky', () => ({ status: flaky++ % 2 === 0 ? 503 : 200, body: 'flaky' }));
    await backend('retry', 'good', () => ({ status: 200, body: 'good' }));
    await register(registry.url, 'retry', 'dead', await deadPort());
    await putRoute('web/retry', { loadBalancer: 'round-robin', retries: { max: 3, backoff: { baseMs: 1, maxMs: 5 } } });
    for (let i = 0; i < 12; i += 1) {
      const response = await fetch(`${mesh.url}/v1/proxy/retry/x`, { headers: { 'x-trellis-source': 'web' } });
      expect(response.status).toBe(200);
      await response.text();
    }

    const bad = await backend('strict', 's1', () => ({ status: 400, body: 'bad' }));
    await backend('strict', 's2', () => ({ status: 400, body: 'bad' }));
    const response = await fetch(`${mesh.url}/v1/proxy/strict/x`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-trellis-attempts')).toBe('1');
    expect(bad.seen.length + backends.at(-1)!.seen.length).toBe(1);
  });

  it('ejects an instance after 5 failures in a row and readmits it later', async () => {
    let broken = true;
    const sick = await backend('eject', 'sick', () => ({ status: broken ? 500 : 200 }));
    await backend('eject', 'well-1');
    await backend('eject', 'well-2');
    await putRoute('web/eject', {
      loadBalancer: 'round-robin',
      retries: { max: 0 },
      outlierDetection: { consecutive5xx: 5, baseEjectionMs: 1_500, maxEjectionPercent: 50 },
    });
    const call = async () => {
      const response = await fetch(`${mesh.url}/v1/proxy/eject/x`, { headers: { 'x-trellis-source': 'web' } });
      await response.arrayBuffer();
      return response.headers.get('x-trellis-upstream');
    };
    for (let i = 0; i < 15; i += 1) await call();
    expect(sick.seen).toHaveLength(5);
    const during = await Promise.all(Array.from({ length: 9 }, call));
    expect(during).not.toContain('sick');
    broken = false;
    await waitFor(async () => (await call()) === 'sick', { timeoutMs: 15_000, intervalMs: 50, message: 'sick readmitted' });
  });

  it('answers 503 problem+json when no instance is healthy, and 4xx for bad input', async () => {
    const none = await fetch(`${mesh.url}/v1/proxy/nobody/x`);
    expect(none.status).toBe(503);
    expect(none.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await body(none)).code).toBe('NO_HEALTHY_UPSTREAM');
    await register(registry.url, 'gone', 'g1', await deadPort());
    const refused = await fetch(`${mesh.url}/v1/proxy/gone/x`);
    expect(refused.status).toBe(503);
    expect((await body(refused)).code).toBe('UPSTREAM_CONNECT_FAILURE');
    expect((await fetch(`${mesh.url}/v1/proxy/Bad_Name/x`)).status).toBe(400);
    const badSource = await fetch(`${mesh.url}/v1/proxy/echo/x`, { headers: { 'x-trellis-source': 'Not Valid' } });
    expect(badSource.status).toBe(400);
    expect(badSource.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await fetch(`${mesh.url}/v1/resolve/web/Bad_Name`)).status).toBe(400);
  });

  it('times out slow instances with the route timeout (504)', async () => {
    await backend('slow', 'slow-1', () => ({ status: 200, delayMs: 2_000 }));
    await putRoute('web/slow', { timeoutMs: 300, perTryTimeoutMs: 100, retries: { retryOn: ['gateway-error'], max: 5, backoff: { baseMs: 1, maxMs: 2 } } });
    const response = await fetch(`${mesh.url}/v1/proxy/slow/x`, { headers: { 'x-trellis-source': 'web' } });
    expect(response.status).toBe(504);
    expect((await body(response)).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('records proxied calls in the golden metrics', async () => {
    await backend('counted', 'c1', (request) => ({ status: request.url.includes('fail') ? 500 : 200 }));
    await Promise.all(Array.from({ length: 8 }, () => fetch(`${mesh.url}/v1/proxy/counted/ok`, { headers: { 'x-trellis-source': 'web' } }).then((r) => r.text())));
    await Promise.all(Array.from({ length: 2 }, () => fetch(`${mesh.url}/v1/proxy/counted/fail`, { headers: { 'x-trellis-source': 'web' } }).then((r) => r.text())));
    const metrics = await waitFor(async () => {
      const answer = await body(fetch(`${mesh.url}/v1/metrics/web/counted?window=1m`));
      return answer.requests === 10 ? answer : undefined;
    }, { timeoutMs: 10_000, message: 'proxied calls recorded' });
    expect(metrics.failures).toBe(2);
    expect(metrics.successRate).toBe(0.8);
    expect(metrics.latencyMs.p50).toBeGreaterThan(0);
  });
});
