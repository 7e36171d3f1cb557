import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, sleep, startTestState, type TestState, testEnv } from './helpers.js';

const MERGE_PATCH = 'application/merge-patch+json';

describe('state documents', () => {
  let state: TestState;
  beforeAll(async () => {
    state = await startTestState(testEnv());
  });
  afterAll(() => state.close());

  const put = (path: string, body: unknown, headers: Record<string, string> = {}) => call(state.url, 'PUT', path, { body, headers });
  const get = (path: string, headers: Record<string, string> = {}) => call(state.url, 'GET', path, { headers });
  const patch = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    call(state.url, 'PATCH', path, { body, headers, contentType: MERGE_PATCH });
  const del = (path: string, headers: Record<string, string> = {}) => call(state.url, 'DELETE', path, { headers });

  it('creates (201 + ETag + Location), reads, replaces with If-Match and answers 412 with the current ETag', async () => {
    const created = await put('/v1/state/app/config', { data: { color: 'blue', n: 1 } }, { 'x-trellis-actor': 'deploy-bot' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/state/app/config');
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+"$/);
    expect(created.body).toMatchObject({
      namespace: 'app',
      key: 'config',
      etag,
      updatedBy: 'deploy-bot',
      expiresAt: null,
      data: { color: 'blue', n: 1 },
    });
    expect(created.body.createdAt).toBe(created.body.updatedAt);

    const read = await get('/v1/state/app/config');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.body.data).toEqual({ color: 'blue', n: 1 });

    const replaced = await put('/v1/state/app/config', { data: { color: 'red' } }, { 'if-match': etag });
    expect(replaced.status).toBe(200);
    expect(replaced.body.version).toBeGreaterThan(created.body.version);
    expect(replaced.body.createdAt).toBe(created.body.createdAt);
    expect(replaced.body.updatedBy).toBe('anonymous');

    const stale = await put('/v1/state/app/config', { data: { color: 'green' } }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(stale.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: replaced.headers.get('etag') });
    expect(stale.headers.get('etag')).toBe(replaced.headers.get('etag'));
    expect((await get('/v1/state/app/config')).body.data).toEqual({ color: 'red' });

    // If-Match accepts a list and *; a weak tag never matches (strong comparison).
    expect((await put('/v1/state/app/config', { data: 1 }, { 'if-match': `"1", ${replaced.headers.get('etag')}` })).status).toBe(200);
    expect((await put('/v1/state/app/config', { data: 2 }, { 'if-match': '*' })).status).toBe(200);
    const weak = await put('/v1/state/app/config', { data: 3 }, { 'if-match': `W/${(await get('/v1/state/app/config')).headers.get('etag')}` });
    expect(weak.status).toBe(412);
    expect((await put('/v1/state/app/missing', { data: 1 }, { 'if-match': '*' })).status).toBe(412);
    expect((await get('/v1/state/app/missing')).status).toBe(404);
  });

  it('creates only with If-None-Match: *, and answers 304 to a matching If-None-Match read', async () => {
    const first = await put('/v1/state/app/once', { data: 'a' }, { 'if-none-match': '*' });
    expect(first.status).toBe(201);
    const second = await put('/v1/state/app/once', { data: 'b' }, { 'if-none-match': '*' });
    expect(second.status).toBe(412);
    expect(second.body.currentETag).toBe(first.headers.get('etag'));
    expect((await get('/v1/state/app/once')).body.data).toBe('a');

    const cached = await get('/v1/state/app/once', { 'if-none-match': first.headers.get('etag')! });
    expect(cached.status).toBe(304);
    expect(cached.headers.get('etag')).toBe(first.headers.get('etag'));
    expect((await get('/v1/state/app/once', { 'if-none-match': '"1"' })).status).toBe(200);
  });

  it('records updatedBy from X-Trellis-Actor', async () => {
    const written = await put('/v1/state/app/actor', { data: {} }, { 'x-trellis-actor': 'alice@example.com' });
    expect(written.body.updatedBy).toBe('alice@example.com');
    expect((await get('/v1/state/app/actor')).body.updatedBy).toBe('alice@example.com');
  });

  it('patches with JSON Merge Patch: null removes, objects merge, arrays replace; If-Match required', async () => {
    const created = await put('/v1/state/app/profile', {
      data: { name: 'Ann', tags: ['a', 'b'], address: { city: 'Oslo', zip: '0150' }, old: true, empty: {}, list: [] },
    });
    const etag = created.headers.get('etag')!;

    const required = await patch('/v1/state/app/profile', { name: 'Bo' });
    expect(required.status).toBe(428);
    expect(required.body.code).toBe('PRECONDITION_REQUIRED');

    const patched = await patch(
      '/v1/state/app/profile',
      { name: 'Bo', tags: ['c'], address: { zip: null, country: 'NO' }, old: null, extra: { deep: [1, { x: null }] } },
      { 'if-match': etag },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.data).toEqual({
      name: 'Bo',
      tags: ['c'],
      address: { city: 'Oslo', country: 'NO' },
      empty: {},
      list: [],
      extra: { deep: [1, { x: null }] },
    });
    expect(patched.headers.get('etag')).not.toBe(etag);
    expect((await get('/v1/state/app/profile')).body.data).toEqual(patched.body.data);

    const stale = await patch('/v1/state/app/profile', { name: 'Cy' }, { 'if-match': etag });
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).toBe(patched.headers.get('etag'));

    // A non-object patch replaces the data whole (RFC 7396).
    const replaced = await patch('/v1/state/app/profile', [1, 2], { 'if-match': '*' });
    expect(replaced.body.data).toEqual([1, 2]);

    expect((await patch('/v1/state/app/nobody', { a: 1 }, { 'if-match': '*' })).status).toBe(404);
    const wrongType = await call(state.url, 'PATCH', '/v1/state/app/profile', { body: { a: 1 }, headers: { 'if-match': '*' } });
    expect(wrongType.status).toBe(415);
    expect(wrongType.headers.get('accept-patch')).toBe(MERGE_PATCH);
    expect((await get('/v1/state/app/profile')).headers.get('accept-patch')).toBe(MERGE_PATCH);
  });

  it('concurrent merge patches of different fields with If-Match: * all survive', async () => {
    await put('/v1/state/app/fields', { data: {} });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => patch('/v1/state/app/fields', { [`f${i}`]: i }, { 'if-match': '*' })),
    );
    expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
    const data = (await get('/v1/state/app/fields')).body.data;
    expect(Object.keys(data)).toHaveLength(20);
    for (let i = 0; i < 20; i += 1) expect(data[`f${i}`]).toBe(i);
  });

  it('deletes with optional If-Match; versions keep growing across delete and re-create', async () => {
    const first = await put('/v1/state/app/temp', { data: 1 });
    expect((await del('/v1/state/app/temp', { 'if-match': '"1"' })).status).toBe(412);
    expect((await del('/v1/state/app/temp', { 'if-match': first.headers.get('etag')! })).status).toBe(204);
    expect((await get('/v1/state/app/temp')).status).toBe(404);
    expect((await del('/v1/state/app/temp')).status).toBe(404);

    // The old ETag can never match the re-created document (no ABA).
    const again = await put('/v1/state/app/temp', { data: 2 });
    expect(again.status).toBe(201);
    expect(again.body.version).toBeGreaterThan(first.body.version);
    expect((await put('/v1/state/app/temp', { data: 3 }, { 'if-match': first.headers.get('etag')! })).status).toBe(412);
  });

  it('expires a document after its TTL; a later PUT without TTL makes it permanent', async () => {
    const written = await put('/v1/state/ttl/short', { data: 'soon gone', ttlMs: 400 });
    expect(written.status).toBe(201);
    expect(Date.parse(written.body.expiresAt) - Date.parse(written.body.updatedAt)).toBe(400);
    expect((await get('/v1/state/ttl/short')).status).toBe(200);
    await waitFor(async () => (await get('/v1/state/ttl/short')).status === 404 || undefined, { timeoutMs: 10_000, intervalMs: 50 });

    await put('/v1/state/ttl/kept', { data: 1, ttlMs: 300 });
    const permanent = await put('/v1/state/ttl/kept', { data: 2 });
    expect(permanent.body.expiresAt).toBeNull();
    await sleep(600);
    expect((await get('/v1/state/ttl/kept')).body.data).toBe(2);

    // PATCH keeps the TTL it found.
    const ttl = await put('/v1/state/ttl/patched', { data: { a: 1 }, ttlMs: 60_000 });
    const patched = await patch('/v1/state/ttl/patched', { b: 2 }, { 'if-match': '*' });
    expect(patched.body.expiresAt).toBe(ttl.body.expiresAt);
  });

  it('lists keys in order with cursor pagination, skipping deleted and expired documents', async () => {
    const keys = Array.from({ length: 25 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    await Promise.all(keys.map((key) => put(`/v1/state/listing/${key}`, { data: { key } })));
    await put('/v1/state/listing/zz-expiring', { data: 1, ttlMs: 200 });
    await del('/v1/state/listing/k03');
    await put('/v1/state/other/k99', { data: 1 });
    await sleep(400);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { status: number; body: { items: { key: string; version: number }[]; nextCursor: string | null; revision: number } } =
        await get(`/v1/state/listing?limit=10${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.revision).toBeGreaterThan(0);
      seen.push(...page.body.items.map((item) => item.key));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(keys.filter((key) => key !== 'k03'));
    expect(pages).toBeGreaterThanOrEqual(3);
    expect((await get('/v1/state/empty-namespace')).body).toMatchObject({ items: [], nextCursor: null, revision: 0 });
  });

  it('accepts documents up to the size limit and answers 413 above it', async () => {
    const limit = 262_144;
    const fits = 'x'.repeat(limit - 2); // the JSON text of a string adds two quotes
    expect((await put('/v1/state/size/fits', { data: fits })).status).toBe(201);
    const tooBig = await put('/v1/state/size/big', { data: `${fits}x` });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', maxBytes: limit });
    expect((await get('/v1/state/size/big')).status).toBe(404);

    // A patch that would grow the document past the limit is refused and changes nothing.
    await put('/v1/state/size/growing', { data: { a: 'y'.repeat(limit - 100) } });
    const grown = await patch('/v1/state/size/growing', { b: 'z'.repeat(200) }, { 'if-match': '*' });
    expect(grown.status).toBe(413);
    expect(Object.keys((await get('/v1/state/size/growing')).body.data)).toEqual(['a']);
  });
});

describe('state documents with API keys', () => {
  let state: TestState;
  const writer = 'writer-key-0123456789';
  const reader = 'reader-key-0123456789';
  beforeAll(async () => {
    state = await startTestState(testEnv({ TRELLIS_API_KEYS: `deployer:${writer}:write,dashboard:${reader}:read` }));
  });
  afterAll(() => state.close());

  const auth = (key: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...extra });

  it('records the API key name as updatedBy, with the actor under it', async () => {
    const plain = await call(state.url, 'PUT', '/v1/state/auth/doc', { body: { data: 1 }, headers: auth(writer) });
    expect(plain.body.updatedBy).toBe('deployer');
    const acting = await call(state.url, 'PUT', '/v1/state/auth/doc', { body: { data: 2 }, headers: auth(writer, { 'x-trellis-actor': 'job-7' }) });
    expect(acting.body.updatedBy).toBe('deployer/job-7');
  });

  it('lets a read key read but not write, and nobody in without a key', async () => {
    expect((await call(state.url, 'GET', '/v1/state/auth/doc', { headers: auth(reader) })).status).toBe(200);
    const forbidden = await call(state.url, 'PUT', '/v1/state/auth/doc', { body: { data: 3 }, headers: auth(reader) });
    expect(forbidden.status).toBe(403);
    expect((await call(state.url, 'POST', '/v1/locks/auth', { body: { owner: 'x', ttlMs: 1_000 }, headers: auth(reader) })).status).toBe(403);
    expect((await call(state.url, 'GET', '/v1/state/auth/doc')).status).toBe(401);
  });
});
