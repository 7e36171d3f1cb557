import { DEFAULT_ROUTE_POLICY } from '@trellis/mesh-core';
import { readSse } from '@trellis/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startMesh } from './helpers.js';

describe('routes', () => {
  let mesh: RunningApp;
  beforeAll(async () => {
    mesh = await startMesh();
  });
  afterAll(() => mesh.close());

  const put = (path: string, payload: unknown, headers: Record<string, string> = {}) =>
    mesh.app.inject({ method: 'PUT', url: path, payload: payload as object, headers });
  const get = (path: string) => mesh.app.inject({ method: 'GET', url: path });

  it('answers the default route when none is set, then the stored one with an ETag', async () => {
    const before = await get('/v1/routes/web/orders');
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ origin: 'default', revision: 0, policy: DEFAULT_ROUTE_POLICY });
    expect(before.headers.etag).toBeUndefined();

    const created = await put('/v1/routes/web/orders', {
      splits: [
        { name: 'stable', version: '1.0.0', weight: 90 },
        { name: 'canary', tag: 'canary', weight: 10 },
      ],
      timeoutMs: 2_000,
      perTryTimeoutMs: 500,
      retries: { max: 3, retryOn: ['5xx', 'connect-failure'], backoff: { baseMs: 10, maxMs: 100 }, budget: { ratio: 0.5 } },
      circuitBreaker: { maxRequests: 50 },
      outlierDetection: { consecutive5xx: 3, baseEjectionMs: 5_000 },
      loadBalancer: 'p2c-ewma',
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/v1/routes/web/orders');
    const route = created.json();
    expect(created.headers.etag).toBe(`"${route.revision}"`);
    expect(route.policy).toMatchObject({
      timeoutMs: 2_000,
      perTryTimeoutMs: 500,
      retries: { max: 3, retryOn: ['5xx', 'connect-failure'], retriableStatusCodes: [], backoff: { baseMs: 10, maxMs: 100 }, budget: { ratio: 0.5, minRetriesPerSecond: 10 } },
      circuitBreaker: { maxRequests: 50, maxPending: 1_024 },
      outlierDetection: { consecutive5xx: 3, baseEjectionMs: 5_000, intervalMs: 10_000, maxEjectionPercent: 10, panicThresholdPercent: 50 },
      loadBalancer: 'p2c-ewma',
    });

    const read = await get('/v1/routes/web/orders');
    expect(read.json()).toMatchObject({ origin: 'explicit', revision: route.revision, policy: route.policy });
    expect(read.headers.etag).toBe(`"${route.revision}"`);
  });

  it('falls back to the destination wildcard route, and back to the default after deletes', async () => {
    const star = await put('/v1/routes/*/pay', { loadBalancer: 'least-connections' });
    expect(star.statusCode).toBe(201);
    expect((await get('/v1/routes/billing/pay')).json()).toMatchObject({ origin: 'wildcard', policy: { loadBalancer: 'least-connections' } });
    await put('/v1/routes/billing/pay', { loadBalancer: 'random' });
    expect((await get('/v1/routes/billing/pay')).json()).toMatchObject({ origin: 'explicit', policy: { loadBalancer: 'random' } });

    expect((await mesh.app.inject({ method: 'DELETE', url: '/v1/routes/billing/pay' })).statusCode).toBe(204);
    expect((await get('/v1/routes/billing/pay')).json().origin).toBe('wildcard');
    expect((await mesh.app.inject({ method: 'DELETE', url: '/v1/routes/%2A/pay' })).statusCode).toBe(204);
    expect((await get('/v1/routes/billing/pay')).json().origin).toBe('default');
    const gone = await mesh.app.inject({ method: 'DELETE', url: '/v1/routes/billing/pay' });
    expect(gone.statusCode).toBe(404);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
  });

  it('If-Match: a stale ETag gets 412 with the current one; If-None-Match: * only creates', async () => {
    const first = await put('/v1/routes/web/cart', { timeoutMs: 1_000 }, { 'if-none-match': '*' });
    expect(first.statusCode).toBe(201);
    const again = await put('/v1/routes/web/cart', { timeoutMs: 1_000 }, { 'if-none-match': '*' });
    expect(again.statusCode).toBe(412);
    const etag = first.headers.etag as string;
    const second = await put('/v1/routes/web/cart', { timeoutMs: 3_000 }, { 'if-match': etag });
    expect(second.statusCode).toBe(200);
    const stale = await put('/v1/routes/web/cart', { timeoutMs: 4_000 }, { 'if-match': etag });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: second.headers.etag });
    const staleDelete = await mesh.app.inject({ method: 'DELETE', url: '/v1/routes/web/cart', headers: { 'if-match': etag } });
    expect(staleDelete.statusCode).toBe(412);
    expect((await put('/v1/routes/web/nothing', {}, { 'if-match': '"1"' })).statusCode).toBe(412);
  });

  it('lets exactly one of many concurrent conditional writers win', async () => {
    const base = await put('/v1/routes/web/race', { timeoutMs: 1_000 });
    const etag = base.headers.etag as string;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => fetch(`${mesh.url}/v1/routes/web/race`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'if-match': etag },
        body: JSON.stringify({ timeoutMs: 2_000 + i }),
      })),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
  });

  it('rejects bad input with 4xx problem+json', async () => {
    const cases: [string, unknown, string][] = [
      ['/v1/routes/web/orders', { perTryTimeoutMs: 5_000, timeoutMs: 1_000 }, 'INVALID_ROUTE'],
      ['/v1/routes/web/orders', { loadBalancer: 'fastest' }, 'VALIDATION_FAILED'],
      ['/v1/routes/web/orders', { retries: { max: 99 } }, 'VALIDATION_FAILED'],
      ['/v1/routes/web/orders', { retries: { retryOn: ['retriable-status-codes'] } }, 'INVALID_ROUTE'],
      ['/v1/routes/web/orders', { splits: [{ weight: 5 }] }, 'INVALID_ROUTE'],
      ['/v1/routes/web/orders', { splits: [{ version: '1', weight: 0 }] }, 'INVALID_ROUTE'],
      ['/v1/routes/web/orders', { unknown: true }, 'VALIDATION_FAILED'],
      ['/v1/routes/Web/orders', {}, 'VALIDATION_FAILED'],
      ['/v1/routes/web/orders', { timeoutMs: '5' }, 'VALIDATION_FAILED'],
    ];
    for (const [path, body, code] of cases) {
      const response = await put(path, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json().code).toBe(code);
    }
    const notJson = await mesh.app.inject({ method: 'PUT', url: '/v1/routes/web/orders', payload: 'x', headers: { 'content-type': 'text/plain' } });
    expect(notJson.statusCode).toBe(415);
    expect((await get('/v1/routes?cursor=!!')).statusCode).toBe(400);
    expect((await get('/v1/routes?cursor=Zm9v')).json().code).toBe('INVALID_CURSOR');
    expect((await get('/v1/metrics/web/orders?window=2m')).statusCode).toBe(400);
  });

  it('lists routes a page at a time, optionally for one destination', async () => {
    for (const source of ['a1', 'a2', 'a3', 'a4', 'a5']) await put(`/v1/routes/${source}/listed`, {});
    await put('/v1/routes/a1/listed-other', {});
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { source: string; destination: string }[]; nextCursor: string | null } = (
        await get(`/v1/routes?destination=listed&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((route: { source: string; destination: string }) => `${route.destination}/${route.source}`));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['listed/a1', 'listed/a2', 'listed/a3', 'listed/a4', 'listed/a5']);
    const all = (await get('/v1/routes?limit=500')).json();
    expect(all.items.map((r: { destination: string }) => r.destination)).toContain('listed-other');
  });

  it('is watchable by long-poll (own and wildcard changes only) and by SSE with Last-Event-ID resume', async () => {
    const start = (await get('/v1/routes/web/search')).json().asOfRevision;
    const poll = mesh.app.inject({ method: 'GET', url: `/v1/routes/web/search/watch?afterRevision=${start}&timeoutSeconds=10` });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await put('/v1/routes/other/search', { timeoutMs: 100 });
    await put('/v1/routes/*/search', { timeoutMs: 200 });
    const page = (await poll).json();
    expect(page.compacted).toBe(false);
    expect(page.events.map((e: { data: { source: string } }) => e.data.source)).toEqual(['*']);
    expect(page.events[0]).toMatchObject({ type: 'updated', data: { destination: 'search', policy: { timeoutMs: 200 } } });

    await put('/v1/routes/web/search', { timeoutMs: 300 });
    await mesh.app.inject({ method: 'DELETE', url: '/v1/routes/web/search' });
    const events = await readSse(`${mesh.url}/v1/routes/web/search/watch`, {
      lastEventId: String(start),
      until: (seen) => seen.length >= 3,
    });
    expect(events.map((e) => e.event)).toEqual(['updated', 'updated', 'deleted']);
    expect(Number(events[2]!.id)).toBeGreaterThan(Number(events[0]!.id));
    expect(JSON.parse(events[2]!.data)).toMatchObject({ type: 'deleted', data: { source: 'web', destination: 'search', policy: null } });
  });
});
