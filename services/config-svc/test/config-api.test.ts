import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Json, ns, putValue, startTestConfigSvc, type TestConfigSvc, testEnv } from './helpers.js';

describe('config API', () => {
  let svc: TestConfigSvc;
  let base: string;
  beforeAll(async () => {
    svc = await startTestConfigSvc(testEnv());
    base = svc.url;
  });
  afterAll(() => svc.close());

  const keyUrl = (namespace: string, key: string) => `${base}/v1/config/${ns(namespace)}/${key}`;

  it('writes, reads and versions a key: 201 then 200, ETag = modRevision, full metadata', async () => {
    const created = await putValue(base, 'payments/prod', 'timeout', 30);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/config/payments%2Fprod/timeout');
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      namespace: 'payments/prod',
      key: 'timeout',
      value: 30,
      version: 1,
      createRevision: 1,
      modRevision: 1,
      updatedBy: 'anonymous',
      etag: '"1"',
    });
    expect(Math.abs(Date.parse(created.body.updatedAt) - Date.now())).toBeLessThan(60_000);

    const updated = await putValue(base, 'payments/prod', 'timeout', 45, { 'x-trellis-actor': 'alice@example.com' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ value: 45, version: 2, createRevision: 1, modRevision: 2, updatedBy: 'alice@example.com' });

    const read = await call(keyUrl('payments/prod', 'timeout'));
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"2"');
    expect(read.headers.get('x-config-revision')).toBe('2');
    expect(read.body).toEqual(updated.body);

    const unchanged = await call(keyUrl('payments/prod', 'timeout'), { headers: { 'if-none-match': '"2"' } });
    expect(unchanged.status).toBe(304);
  });

  it('stores every kind of JSON value exactly', async () => {
    const values: [string, unknown][] = [
      ['object', { retries: 3, nested: { list: [1, 'two', null, true], empty: {} }, emptyList: [] }],
      ['array', [1, [2, [3]], { a: [] }]],
      ['string', 'héllo wörld ✓ "quoted" \\ / \n'],
      ['number', -12.5e-3],
      ['zero', 0],
      ['boolean', false],
      ['null', null],
    ];
    for (const [key, value] of values) {
      expect((await putValue(base, 'types', key, value)).status).toBe(201);
      expect((await call(keyUrl('types', key))).body.value).toEqual(value);
    }
    const snapshot = (await call(`${base}/v1/config/types`)).body;
    expect(Object.fromEntries(snapshot.entries.map((e: Json) => [e.key, e.value]))).toEqual(Object.fromEntries(values));
  });

  it('compare-and-set: If-Match, If-None-Match: *, and 412 with the current ETag', async () => {
    const first = await putValue(base, 'cas', 'limit', 1, { 'if-none-match': '*' });
    expect(first.status).toBe(201);
    const again = await putValue(base, 'cas', 'limit', 2, { 'if-none-match': '*' });
    expect(again.status).toBe(412);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(again.body).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: first.body.etag });

    const ok = await putValue(base, 'cas', 'limit', 3, { 'if-match': first.body.etag });
    expect(ok.status).toBe(200);
    const stale = await putValue(base, 'cas', 'limit', 4, { 'if-match': first.body.etag });
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).toBe(ok.body.etag);
    expect(stale.headers.get('etag')).toBe(ok.body.etag);
    // A list matches when any tag does; '*' when the key exists at all.
    expect((await putValue(base, 'cas', 'limit', 5, { 'if-match': `"999", ${ok.body.etag}` })).status).toBe(200);
    expect((await putValue(base, 'cas', 'limit', 6, { 'if-match': '*' })).status).toBe(200);
    expect((await putValue(base, 'cas', 'absent', 1, { 'if-match': '*' })).status).toBe(412);
    // If-Match compares strongly: a weak tag never matches, nor does a tag we never issue.
    const current = (await call(keyUrl('cas', 'limit'))).body;
    expect((await putValue(base, 'cas', 'limit', 7, { 'if-match': `W/${current.etag}` })).status).toBe(412);
    expect((await putValue(base, 'cas', 'limit', 7, { 'if-match': '"not-ours"' })).status).toBe(412);
    expect((await call(keyUrl('cas', 'limit'))).body.value).toBe(6);

    const wrongDelete = await call(keyUrl('cas', 'limit'), { method: 'DELETE', headers: { 'if-match': '"1"' } });
    expect(wrongDelete.status).toBe(412);
    expect((await call(keyUrl('cas', 'limit'), { method: 'DELETE', headers: { 'if-match': current.etag } })).status).toBe(204);
  });

  it('loses no update under concurrent read-modify-write with If-Match', async () => {
    await putValue(base, 'race', 'counter', 0);
    const workers = 12;
    const incrementsEach = 5;
    let conflicts = 0;
    const worker = async () => {
      for (let done = 0; done < incrementsEach; ) {
        const current = await call(keyUrl('race', 'counter'));
        const result = await putValue(base, 'race', 'counter', current.body.value + 1, { 'if-match': current.body.etag });
        if (result.status === 200) done += 1;
        else if (result.status === 412) conflicts += 1;
        else throw new Error(`unexpected ${result.status}`);
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    const final = (await call(keyUrl('race', 'counter'))).body;
    expect(final.value).toBe(workers * incrementsEach);
    expect(final.version).toBe(workers * incrementsEach + 1);
    expect(conflicts).toBeGreaterThan(0);
  });

  it('bumps the namespace revision exactly once per write, even when they race', async () => {
    const writes = await Promise.all(Array.from({ length: 40 }, (_, i) => putValue(base, 'burst', `k${i}`, i)));
    expect(writes.every((w) => w.status === 201)).toBe(true);
    const revisions = writes.map((w) => w.body.modRevision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await call(`${base}/v1/config/burst`)).body.revision).toBe(40);
  });

  it('answers the whole namespace as one snapshot at one revision, even while it is written', async () => {
    // Key kN is created by revision N+1, so a snapshot at revision R holds exactly k0..k(R-1).
    const writer = (async () => {
      for (let i = 0; i < 60; i += 1) await putValue(base, 'snap', `k${String(i).padStart(2, '0')}`, i);
    })();
    const snapshots: Json[] = [];
    while (snapshots.length < 200) {
      snapshots.push((await call(`${base}/v1/config/snap`)).body);
      if (snapshots.at(-1).revision === 60) break;
    }
    await writer;
    for (const snapshot of snapshots) {
      expect(snapshot.entries.map((e: Json) => e.key)).toEqual(
        Array.from({ length: snapshot.revision }, (_, i) => `k${String(i).padStart(2, '0')}`),
      );
      for (const entry of snapshot.entries) expect(entry.modRevision).toBeLessThanOrEqual(snapshot.revision);
    }

    const full = await call(`${base}/v1/config/snap`);
    expect(full.headers.get('etag')).toBe('"60"');
    expect((await call(`${base}/v1/config/snap`, { headers: { 'if-none-match': '"60"' } })).status).toBe(304);
    const prefixed = (await call(`${base}/v1/config/snap?prefix=k5`)).body;
    expect(prefixed.revision).toBe(60);
    expect(prefixed.entries.map((e: Json) => e.key)).toEqual(['k50', 'k51', 'k52', 'k53', 'k54', 'k55', 'k56', 'k57', 'k58', 'k59']);
    expect((await call(`${base}/v1/config/${ns('never/written')}`)).body).toEqual({ namespace: 'never/written', revision: 0, entries: [] });
  });

  it('deletes: 204, then 404; the version goes on when the key is written again', async () => {
    await putValue(base, 'del', 'flag', 'on');
    const deleted = await call(keyUrl('del', 'flag'), { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(deleted.headers.get('x-config-revision')).toBe('2');
    const gone = await call(keyUrl('del', 'flag'));
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await call(keyUrl('del', 'flag'), { method: 'DELETE' })).status).toBe(404);
    expect((await call(keyUrl('del', 'flag'), { method: 'DELETE', headers: { 'if-match': '*' } })).status).toBe(412);

    const recreated = await putValue(base, 'del', 'flag', 'off');
    expect(recreated.status).toBe(201);
    expect(recreated.body).toMatchObject({ version: 3, createRevision: 3, modRevision: 3 });
    expect((await call(`${base}/v1/config/del`)).body.entries).toHaveLength(1);
  });

  it('keeps the last N versions and rolls back as a new write', async () => {
    for (let i = 1; i <= 25; i += 1) await putValue(base, 'hist', 'rate', { perSecond: i }, { 'x-trellis-actor': `user-${i}` });
    const page = (await call(`${keyUrl('hist', 'rate')}/history?limit=5`)).body;
    expect(page.versions.map((v: Json) => v.version)).toEqual([25, 24, 23, 22, 21]);
    expect(page.versions[0]).toMatchObject({ deleted: false, value: { perSecond: 25 }, updatedBy: 'user-25', revision: 25 });
    expect(page.nextBeforeVersion).toBe(21);
    const all: number[] = [];
    let cursor: number | undefined;
    do {
      const next = (await call(`${keyUrl('hist', 'rate')}/history?limit=7${cursor ? `&beforeVersion=${cursor}` : ''}`)).body;
      all.push(...next.versions.map((v: Json) => v.version));
      cursor = next.nextBeforeVersion;
    } while (cursor);
    expect(all).toEqual(Array.from({ length: 20 }, (_, i) => 25 - i)); // default history limit: 20

    const rolledBack = await call(`${keyUrl('hist', 'rate')}/rollback`, { method: 'POST', body: { toVersion: 10 } });
    expect(rolledBack.status).toBe(200);
    expect(rolledBack.body).toMatchObject({ value: { perSecond: 10 }, version: 26, modRevision: 26 });
    const latest = (await call(`${keyUrl('hist', 'rate')}/history?limit=1`)).body.versions[0];
    expect(latest).toMatchObject({ version: 26, rollbackOf: 10, value: { perSecond: 10 } });

    const tooOld = await call(`${keyUrl('hist', 'rate')}/rollback`, { method: 'POST', body: { toVersion: 3 } });
    expect(tooOld.status).toBe(404);
    expect(tooOld.body.code).toBe('VERSION_NOT_FOUND');
    const stale = await call(`${keyUrl('hist', 'rate')}/rollback`, { method: 'POST', body: { toVersion: 12 }, headers: { 'if-match': '"25"' } });
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).toBe('"26"');

    // After a delete the history stays, with a tombstone; rolling back re-creates the key.
    await call(keyUrl('hist', 'rate'), { method: 'DELETE' });
    const tombstone = (await call(`${keyUrl('hist', 'rate')}/history?limit=1`)).body.versions[0];
    expect(tombstone).toMatchObject({ version: 27, deleted: true });
    expect(tombstone.value).toBeUndefined();
    const toDeletion = await call(`${keyUrl('hist', 'rate')}/rollback`, { method: 'POST', body: { toVersion: 27 } });
    expect(toDeletion.status).toBe(409);
    const restored = await call(`${keyUrl('hist', 'rate')}/rollback`, { method: 'POST', body: { toVersion: 26 } });
    expect(restored.status).toBe(201);
    expect(restored.body).toMatchObject({ value: { perSecond: 10 }, version: 28 });
    expect((await call(`${keyUrl('hist', 'never')}/history`)).status).toBe(404);
  });

  it('keeps namespaces independent and lists them a page at a time', async () => {
    await putValue(base, 'list/a', 'x', 1);
    await putValue(base, 'list/b', 'x', 1);
    await putValue(base, 'list/b', 'y', 1);
    await putValue(base, 'list/c', 'x', 1);
    await call(keyUrl('list/c', 'x'), { method: 'DELETE' });
    expect((await call(`${base}/v1/config/${ns('list/a')}`)).body.revision).toBe(1);
    expect((await call(`${base}/v1/config/${ns('list/b')}`)).body.revision).toBe(2);

    const first = (await call(`${base}/v1/config?prefix=list/&limit=1`)).body;
    expect(first.namespaces).toEqual([{ namespace: 'list/a', keys: 1 }]);
    const second = (await call(`${base}/v1/config?prefix=list/&limit=5&cursor=${first.nextCursor}`)).body;
    // list/c was emptied by its delete, so it is not listed.
    expect(second.namespaces).toEqual([{ namespace: 'list/b', keys: 2 }]);
  });

  it('requires If-Match when the deployment says so (428)', async () => {
    const strict = await startTestConfigSvc(testEnv({ CONFIG_REQUIRE_IF_MATCH: 'true' }));
    try {
      const missing = await putValue(strict.url, 'strict', 'k', 1);
      expect(missing.status).toBe(428);
      expect(missing.body.code).toBe('PRECONDITION_REQUIRED');
      const created = await putValue(strict.url, 'strict', 'k', 1, { 'if-none-match': '*' });
      expect(created.status).toBe(201);
      expect((await putValue(strict.url, 'strict', 'k', 2, { 'if-match': created.body.etag })).status).toBe(200);
      expect((await call(`${strict.url}/v1/config/strict/k`, { method: 'DELETE' })).status).toBe(428);
    } finally {
      await strict.close();
    }
  });

  it('accepts a value of exactly the limit (512 KiB by default) and refuses one byte more with 413', async () => {
    const limit = 512 * 1_024;
    const atLimit = 'x'.repeat(limit - 2); // plus its two quotes
    const ok = await putValue(base, 'big', 'blob', atLimit);
    expect(ok.status).toBe(201);
    const over = await putValue(base, 'big', 'blob', `${atLimit}y`);
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(over.body.code).toBe('VALUE_TOO_LARGE');
    const wayOver = await putValue(base, 'big', 'blob', 'z'.repeat(2 * limit));
    expect(wayOver.status).toBe(413);
    expect((await call(keyUrl('big', 'blob'))).body.version).toBe(1);
  });

  describe('bad input answers 4xx problem+json and writes nothing', () => {
    const ok = { value: 1 };
    const cases: [string, string, string, { body?: unknown; rawBody?: string; headers?: Record<string, string> }, number][] = [
      ['a namespace starting with a dash', 'PUT', '/v1/config/-bad/k', { body: ok }, 400],
      ['a namespace with an empty segment', 'PUT', `/v1/config/${ns('a//b')}/k`, { body: ok }, 400],
      ['a namespace with a leading slash', 'PUT', `/v1/config/${ns('/a')}/k`, { body: ok }, 400],
      ['a namespace with a trailing slash', 'PUT', `/v1/config/${ns('a/')}/k`, { body: ok }, 400],
      ['a namespace with a dot-dot segment', 'PUT', `/v1/config/${ns('a/../b')}/k`, { body: ok }, 400],
      ['a namespace with a space', 'PUT', `/v1/config/${ns('a b')}/k`, { body: ok }, 400],
      ['a namespace with braces', 'PUT', `/v1/config/${ns('{a}')}/k`, { body: ok }, 400],
      ['a namespace of 129 characters', 'PUT', `/v1/config/${'n'.repeat(129)}/k`, { body: ok }, 400],
      ['a key starting with an underscore', 'PUT', '/v1/config/ns/_k', { body: ok }, 400],
      ['a key with a slash', 'PUT', `/v1/config/ns/${ns('a/b')}`, { body: ok }, 400],
      ['a key with a space', 'PUT', `/v1/config/ns/${ns('a b')}`, { body: ok }, 400],
      ['a key starting with a dot', 'PUT', '/v1/config/ns/.k', { body: ok }, 400],
      ['a key of 257 characters', 'PUT', `/v1/config/ns/${'k'.repeat(257)}`, { body: ok }, 400],
      ['a body without value', 'PUT', '/v1/config/ns/k', { body: {} }, 400],
      ['a body with an unknown field', 'PUT', '/v1/config/ns/k', { body: { value: 1, extra: true } }, 400],
      ['a bare value instead of {value}', 'PUT', '/v1/config/ns/k', { body: 42 }, 400],
      ['invalid JSON', 'PUT', '/v1/config/ns/k', { rawBody: '{"value": 1,' }, 400],
      ['an empty body', 'PUT', '/v1/config/ns/k', { rawBody: '', headers: { 'content-type': 'application/json' } }, 400],
      ['a text/plain body', 'PUT', '/v1/config/ns/k', { rawBody: 'value=1', headers: { 'content-type': 'text/plain' } }, 415],
      ['a __proto__ key in the value', 'PUT', '/v1/config/ns/k', { rawBody: '{"value":{"__proto__":{"x":1}}}' }, 400],
      ['an If-Match without quotes', 'PUT', '/v1/config/ns/k', { body: ok, headers: { 'if-match': '12' } }, 400],
      ['an If-Match that is not an entity tag', 'PUT', '/v1/config/ns/k', { body: ok, headers: { 'if-match': 'W/abc' } }, 400],
      ['an If-Match with 33 tags', 'PUT', '/v1/config/ns/k', { body: ok, headers: { 'if-match': Array(33).fill('"1"').join(',') } }, 400],
      ['an If-None-Match on DELETE', 'DELETE', '/v1/config/ns/k', { headers: { 'if-none-match': '*' } }, 400],
      ['an actor with a control character', 'PUT', '/v1/config/ns/k', { body: ok, headers: { 'x-trellis-actor': 'a\tb' } }, 400],
      ['a rollback to version 0', 'POST', '/v1/config/ns/k/rollback', { body: { toVersion: 0 } }, 400],
      ['a rollback version given as a string', 'POST', '/v1/config/ns/k/rollback', { body: { toVersion: '2' } }, 400],
      ['a rollback to a version that never was', 'POST', '/v1/config/ns/k/rollback', { body: { toVersion: 2 } }, 404],
      ['a history limit of 0', 'GET', '/v1/config/ns/k/history?limit=0', {}, 400],
      ['a history limit of 101', 'GET', '/v1/config/ns/k/history?limit=101', {}, 400],
      ['an unknown query parameter', 'GET', '/v1/config/ns?color=blue', {}, 400],
      ['a snapshot prefix with a space', 'GET', `/v1/config/ns?prefix=${ns('a b')}`, {}, 400],
      ['a list cursor we never issued', 'GET', '/v1/config?cursor=Pz8_', {}, 400],
      ['a watch afterRevision of -1', 'GET', '/v1/config/ns/_watch?afterRevision=-1', {}, 400],
      ['a watch timeout of 61 s', 'GET', '/v1/config/ns/_watch?afterRevision=0&timeoutSeconds=61', {}, 400],
      ['a non-numeric Last-Event-ID', 'GET', '/v1/config/ns/_watch', { headers: { 'last-event-id': 'abc' } }, 400],
    ];

    it.each(cases)('%s', async (_what, method, path, request, status) => {
      const response = await call(`${base}${path}`, { method, ...request });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status });
      expect(typeof response.body.code).toBe('string');
      expect((await call(`${base}/v1/config/ns`)).body.revision).toBe(0);
    });
  });
});
