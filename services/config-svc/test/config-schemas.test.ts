import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, type Json, ns, putValue, startTestConfigSvc, type TestConfigSvc, testEnv } from './helpers.js';

const putSchema = (base: string, namespace: string, selector: string, schema: unknown, headers: Record<string, string> = {}) =>
  call(`${base}/v1/config/${ns(namespace)}/_schemas/${encodeURIComponent(selector)}`, { method: 'PUT', body: { schema }, headers });

const POOL_SCHEMA = {
  type: 'object',
  required: ['min', 'max'],
  properties: { min: { type: 'integer', minimum: 0 }, max: { type: 'integer', maximum: 100 } },
  additionalProperties: false,
};

describe('value schemas', () => {
  let svc: TestConfigSvc;
  let base: string;
  beforeAll(async () => {
    svc = await startTestConfigSvc(testEnv());
    base = svc.url;
  });
  afterAll(() => svc.close());

  it('refuses values that do not satisfy the key schema with 422 and every error', async () => {
    const created = await putSchema(base, 'db/prod', 'pool', POOL_SCHEMA);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ namespace: 'db/prod', selector: 'pool', schema: POOL_SCHEMA, revision: 1, etag: '"1"' });

    const bad = await putValue(base, 'db/prod', 'pool', { min: -1, max: 500, extra: true });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(bad.body).toMatchObject({ code: 'VALUE_INVALID', schemaSelector: 'pool' });
    expect(bad.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'value/min', message: 'must be >= 0' },
        { path: 'value/max', message: 'must be <= 100' },
        { path: 'value', message: "must NOT have additional properties 'extra'" },
      ]),
    );
    expect((await putValue(base, 'db/prod', 'pool', 'not an object')).status).toBe(422);
    expect((await call(`${base}/v1/config/${ns('db/prod')}`)).body.entries).toEqual([]);

    const good = await putValue(base, 'db/prod', 'pool', { min: 1, max: 20 });
    expect(good.status).toBe(201);
    // Keys the schema does not govern are free.
    expect((await putValue(base, 'db/prod', 'other', 'anything')).status).toBe(201);
  });

  it('lets the most specific schema govern: exact key, then the longest prefix, then *', async () => {
    await putSchema(base, 'layers', '*', { type: 'string' });
    await putSchema(base, 'layers', 'db.*', { type: 'number' });
    await putSchema(base, 'layers', 'db.pool.*', { type: 'integer', minimum: 1 });
    await putSchema(base, 'layers', 'db.pool.name', { type: 'string', minLength: 3 });
    const status = async (key: string, value: unknown) => (await putValue(base, 'layers', key, value)).status;
    expect(await status('greeting', 'hi')).toBe(201);
    expect(await status('greeting2', 1)).toBe(422);
    expect(await status('db.timeout', 1.5)).toBe(201);
    expect(await status('db.timeout2', 'x')).toBe(422);
    expect(await status('db.pool.size', 4)).toBe(201);
    expect(await status('db.pool.size2', 1.5)).toBe(422);
    expect(await status('db.pool.name', 'main')).toBe(201);
    expect(await status('db.pool.name', 'x')).toBe(422);

    const list = (await call(`${base}/v1/config/layers/_schemas`)).body;
    expect(list.schemas.map((s: Json) => s.selector)).toEqual(['*', 'db.*', 'db.pool.*', 'db.pool.name']);
    expect(list.schemaRevision).toBe(list.schemas.at(-1).revision);
  });

  it('will not set a schema that a current value breaks, nor remove one if a broader schema would then be broken', async () => {
    await putValue(base, 'retro', 'port', 'eighty');
    const refused = await putSchema(base, 'retro', 'port', { type: 'integer' });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('EXISTING_VALUES_INVALID');
    expect(refused.body.errors[0].path).toBe('port/value');
    await putValue(base, 'retro', 'port', 80);
    expect((await putSchema(base, 'retro', 'port', { type: 'integer' })).status).toBe(201);

    await putSchema(base, 'retro', '*', { type: 'integer', maximum: 100 });
    await putSchema(base, 'retro', 'big', { type: 'integer' });
    await putValue(base, 'retro', 'big', 5_000);
    const removal = await call(`${base}/v1/config/retro/_schemas/big`, { method: 'DELETE' });
    expect(removal.status).toBe(422);
    expect(removal.body.errors[0].path).toBe('big/value');
    await putValue(base, 'retro', 'big', 50);
    expect((await call(`${base}/v1/config/retro/_schemas/big`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`${base}/v1/config/retro/_schemas/big`)).status).toBe(404);
  });

  it('checks rollbacks against the schema of today', async () => {
    await putValue(base, 'rb', 'mode', 'fast');
    await putValue(base, 'rb', 'mode', 2);
    await putSchema(base, 'rb', 'mode', { type: 'integer' });
    const rollback = await call(`${base}/v1/config/rb/mode/rollback`, { method: 'POST', body: { toVersion: 1 } });
    expect(rollback.status).toBe(422);
    expect((await call(`${base}/v1/config/rb/mode`)).body.value).toBe(2);
  });

  it('sees a schema set through another instance at once (its cached copy is never trusted)', async () => {
    const env = testEnv();
    const [a, b] = [await startTestConfigSvc(env), await startTestConfigSvc(env)];
    try {
      expect((await putValue(a.url, 'shared', 'level', 'debug')).status).toBe(201); // a now caches "no schemas"
      expect((await putSchema(b.url, 'shared', 'level', { enum: ['debug', 'info', 'warn'] })).status).toBe(201);
      expect((await putValue(a.url, 'shared', 'level', 'verbose')).status).toBe(422);
      expect((await putValue(a.url, 'shared', 'level', 'info')).status).toBe(200);
      expect((await call(`${b.url}/v1/config/shared/_schemas/level`, { method: 'DELETE' })).status).toBe(204);
      expect((await putValue(a.url, 'shared', 'level', 'verbose')).status).toBe(200);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('keeps every value valid while a schema is set in the middle of concurrent writes', async () => {
    const writes = Array.from({ length: 60 }, (_, i) => putValue(base, 'racy', `k${i % 6}`, i % 2 === 0 ? i : `s${i}`));
    const schema = (async () => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const result = await putSchema(base, 'racy', 'k*', { type: 'integer' });
        if (result.status === 201) return result;
        // 422 while a string value is current, 409 if the namespace kept moving: fix and retry.
        for (let k = 0; k < 6; k += 1) await putValue(base, 'racy', `k${k}`, k);
      }
      throw new Error('schema never accepted');
    })();
    const results = await Promise.all(writes);
    await schema;
    expect(results.every((r) => [200, 201, 422].includes(r.status))).toBe(true);
    const snapshot = (await call(`${base}/v1/config/racy`)).body;
    for (const entry of snapshot.entries) expect(Number.isInteger(entry.value)).toBe(true);
  });

  it('runs patterns on RE2: no catastrophic backtracking, and unsupported syntax is a 422', async () => {
    expect((await putSchema(base, 'regex', 'name', { type: 'string', pattern: '^(a+)+$' })).status).toBe(201);
    const started = Date.now();
    const evil = await putValue(base, 'regex', 'name', `${'a'.repeat(5_000)}!`);
    expect(evil.status).toBe(422);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await putValue(base, 'regex', 'name', 'aaaa')).status).toBe(201);

    const backreference = await putSchema(base, 'regex', 'other', { type: 'string', pattern: '(a)\\1' });
    expect(backreference.status).toBe(422);
    expect(backreference.body.code).toBe('INVALID_SCHEMA');
  });

  it('understands formats and draft-07, and refuses schemas it cannot use', async () => {
    expect((await putSchema(base, 'fmt', 'url', { type: 'string', format: 'uri' })).status).toBe(201);
    expect((await putValue(base, 'fmt', 'url', 'not a uri')).status).toBe(422);
    expect((await putValue(base, 'fmt', 'url', 'https://example.com/x')).status).toBe(201);

    const draft7 = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'array', items: [{ type: 'string' }], additionalItems: false };
    expect((await putSchema(base, 'fmt', 'pair', draft7)).status).toBe(201);
    expect((await putValue(base, 'fmt', 'pair', ['a', 'b'])).status).toBe(422);
    expect((await putValue(base, 'fmt', 'pair', ['a'])).status).toBe(201);

    const invalid = await putSchema(base, 'fmt', 'broken', { type: 'not-a-type' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.code).toBe('INVALID_SCHEMA');
    let deep: Record<string, unknown> = { type: 'string' };
    // 40 levels: past the schema limit (32), within the body limit (64, service-kit's 400 beyond).
    for (let i = 0; i < 20; i += 1) deep = { type: 'object', properties: { x: deep } };
    expect((await putSchema(base, 'fmt', 'deep', deep)).status).toBe(422);
    // A $ref cycle that never reaches into the value would recurse without end on every write.
    const endless = await putSchema(base, 'fmt', 'endless', { $ref: '#' });
    expect(endless.status).toBe(422);
    expect(endless.body.detail).toMatch(/refers to itself without end/);
    expect((await putSchema(base, 'fmt', 'cycle', { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' })).status).toBe(422);
    const huge = await putSchema(base, 'fmt', 'huge', { type: 'string', enum: Array.from({ length: 10_000 }, (_, i) => `value-${i}`) });
    expect(huge.status).toBe(413);
    // `false` is a schema too: nothing satisfies it.
    expect((await putSchema(base, 'fmt', 'frozen', false)).status).toBe(201);
    expect((await putValue(base, 'fmt', 'frozen', 1)).status).toBe(422);
  });

  it('versions schemas with ETags: If-Match, If-None-Match, 304', async () => {
    const first = await putSchema(base, 'etag', 'k', { type: 'string' }, { 'if-none-match': '*' });
    expect(first.status).toBe(201);
    expect((await putSchema(base, 'etag', 'k', { type: 'number' }, { 'if-none-match': '*' })).status).toBe(412);
    const second = await putSchema(base, 'etag', 'k', { type: 'string', maxLength: 9 }, { 'if-match': first.body.etag });
    expect(second.status).toBe(200);
    const stale = await putSchema(base, 'etag', 'k', { type: 'number' }, { 'if-match': first.body.etag });
    expect(stale.status).toBe(412);
    expect(stale.body.currentETag).toBe(second.body.etag);
    expect((await call(`${base}/v1/config/etag/_schemas/k`, { headers: { 'if-none-match': second.body.etag } })).status).toBe(304);
    expect((await call(`${base}/v1/config/etag/_schemas/k`, { method: 'DELETE', headers: { 'if-match': first.body.etag } })).status).toBe(412);
  });

  it.each([
    ['a selector with a star inside', 'PUT', '/v1/config/ns/_schemas/a*b', { body: { schema: {} } }],
    ['a selector of two stars', 'PUT', '/v1/config/ns/_schemas/**', { body: { schema: {} } }],
    ['a schema that is a string', 'PUT', '/v1/config/ns/_schemas/k', { body: { schema: 'string' } }],
    ['a body without schema', 'PUT', '/v1/config/ns/_schemas/k', { body: {} }],
  ])('answers %s with 400 problem+json', async (_what, method, path, request) => {
    const response = await call(`${base}${path}`, { method, ...request });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('takes the admin scope to change schemas, and records the API key as updatedBy', async () => {
    const secured = await startTestConfigSvc(
      testEnv({ TRELLIS_API_KEYS: 'ops:ops-key-0123456789abcdef:admin,app:app-key-0123456789abcdef:write' }),
    );
    const as = (key: string) => ({ authorization: `Bearer ${key}` });
    try {
      expect((await putSchema(secured.url, 'auth', 'k', { type: 'string' }, as('app-key-0123456789abcdef'))).status).toBe(403);
      expect((await putSchema(secured.url, 'auth', 'k', { type: 'string' }, as('ops-key-0123456789abcdef'))).status).toBe(201);
      expect((await putValue(secured.url, 'auth', 'k', 'v')).status).toBe(401);
      const written = await putValue(secured.url, 'auth', 'k', 'v', { ...as('app-key-0123456789abcdef'), 'x-trellis-actor': 'deploy-bot' });
      expect(written.status).toBe(201);
      expect(written.body.updatedBy).toBe('deploy-bot via app');
    } finally {
      await secured.close();
    }
  });
});
