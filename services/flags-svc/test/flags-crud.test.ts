import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, startTestFlags, type TestFlags, testEnv } from './helpers.js';

describe('flag CRUD', () => {
  let svc: TestFlags;
  beforeAll(async () => {
    svc = await startTestFlags(testEnv());
  });
  afterAll(() => svc.close());

  const put = (name: string, body: unknown, headers: Record<string, string> = {}, env = 'crud') =>
    call(svc.url, 'PUT', `/v1/flags/${name}?environment=${env}`, { body, headers });

  it('creates, reads, replaces with If-Match and answers 412 with currentETag on a stale ETag', async () => {
    const created = await put('checkout', { enabled: true, strategies: [{ name: 'percentage', percentage: 25 }] });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/flags/checkout?environment=crud');
    const etag = created.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+"$/);
    expect(created.body.flag).toEqual({
      name: 'checkout',
      description: null,
      type: 'release',
      project: 'default',
      stale: false,
      enabled: true,
      strategies: [{ name: 'flexibleRollout', parameters: { rollout: '25', stickiness: 'default' }, constraints: [] }],
      variants: [],
      impressionData: false,
    });
    expect(created.body.meta).toMatchObject({ version: 1, updatedBy: 'anonymous' });

    const read = await call(svc.url, 'GET', '/v1/flags/checkout?environment=crud');
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe(etag);
    expect(read.body).toEqual(created.body);

    const replaced = await put('checkout', { enabled: false, strategies: [] }, { 'if-match': etag });
    expect(replaced.status).toBe(200);
    expect(replaced.body.meta.version).toBe(2);
    expect(replaced.headers.get('etag')).not.toBe(etag);

    const stale = await put('checkout', { enabled: true, strategies: [] }, { 'if-match': etag });
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    expect(stale.body.currentETag).toBe(replaced.headers.get('etag'));

    const createOnly = await put('checkout', { enabled: true, strategies: [] }, { 'if-none-match': '*' });
    expectProblem(createOnly, 412, 'PRECONDITION_FAILED');

    // Writing the same flag again changes nothing: no new version, no event.
    const same = await put('checkout', { enabled: false, strategies: [] });
    expect(same.status).toBe(200);
    expect(same.body.meta.version).toBe(2);
  });

  it('expands every shorthand into the Unleash model', async () => {
    const response = await put('shorthands', {
      enabled: true,
      strategies: [
        { name: 'all' },
        { name: 'none' },
        { name: 'percentage', parameters: { percentage: 10, stickiness: 'sessionId', groupId: 'g' } },
        { name: 'user_list', userIds: ['u1', 'u2'] },
        { name: 'group', groups: ['beta', 'staff'] },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.flag.strategies).toEqual([
      { name: 'default', parameters: {}, constraints: [] },
      { name: 'flexibleRollout', parameters: { rollout: '0', stickiness: 'default' }, constraints: [] },
      { name: 'flexibleRollout', parameters: { rollout: '10', stickiness: 'sessionId', groupId: 'g' }, constraints: [] },
      { name: 'userWithId', parameters: { userIds: 'u1,u2' }, constraints: [] },
      {
        name: 'default',
        parameters: {},
        constraints: [{ contextName: 'groups', operator: 'IN', values: ['beta', 'staff'], caseInsensitive: false, inverted: false }],
      },
    ]);
  });

  it('patches with JSON Merge Patch, atomically under concurrency (no lost update)', async () => {
    await put('patched', { enabled: false, description: 'start', strategies: [] });
    const patch = (body: unknown, headers: Record<string, string> = {}) =>
      call(svc.url, 'PATCH', '/v1/flags/patched?environment=crud', {
        raw: JSON.stringify(body),
        headers: { 'content-type': 'application/merge-patch+json', ...headers },
      });
    const first = await patch({ enabled: true, description: null });
    expect(first.status).toBe(200);
    expect(first.body.flag).toMatchObject({ enabled: true, description: null });

    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => patch({ description: `writer ${i}` })));
    expect(results.map((r) => `${r.status}${r.status === 200 ? "" : JSON.stringify(r.body)}`)).toEqual(Array(20).fill("200"));
    const final = await call(svc.url, 'GET', '/v1/flags/patched?environment=crud');
    // Every patch got its own version: 1 (create) + 1 + 20.
    expect(final.body.meta.version).toBe(22);

    const stale = await patch({ enabled: false }, { 'if-match': first.headers.get('etag')! });
    expectProblem(stale, 412, 'PRECONDITION_FAILED');
    const invalid = await patch({ enabled: 'yes' });
    expectProblem(invalid, 422, 'INVALID_FLAG');
    const off = await call(svc.url, 'POST', '/v1/flags/patched/disable?environment=crud');
    expect(off.body.flag.enabled).toBe(false);
  });

  it('lets exactly one of many concurrent If-Match writers win', async () => {
    const created = await put('race', { enabled: false, strategies: [] });
    const etag = created.headers.get('etag')!;
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) => put('race', { enabled: true, description: `w${i}`, strategies: [] }, { 'if-match': etag })),
    );
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 412)).toHaveLength(24);
  });

  it('lists a page at a time with a cursor', async () => {
    for (let i = 0; i < 7; i += 1) await put(`page-${i}`, { enabled: true, strategies: [] }, {}, 'paging');
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const page = await call(svc.url, 'GET', `/v1/flags?environment=paging&limit=3${q}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      names.push(...page.body.items.map((item: { flag: { name: string } }) => item.flag.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(Array.from({ length: 7 }, (_, i) => `page-${i}`));
    const prefixed = await call(svc.url, 'GET', '/v1/flags?environment=paging&prefix=page-5');
    expect(prefixed.body.items.map((item: { flag: { name: string } }) => item.flag.name)).toEqual(['page-5']);
  });

  it('never allocates a segment id past 2^31 - 1 (the documented SegmentId)', async () => {
    const last = await call(svc.url, 'PUT', '/v1/segments/2147483647?environment=ids', { body: { name: 'last', constraints: [] } });
    expect(last.status).toBe(201);
    expectProblem(await call(svc.url, 'POST', '/v1/segments?environment=ids', { body: { name: 'next', constraints: [] } }), 409, 'SEGMENT_IDS_EXHAUSTED');
    // An explicit free id still works.
    expect((await call(svc.url, 'POST', '/v1/segments?environment=ids', { body: { id: 7, name: 'seven', constraints: [] } })).status).toBe(201);
  });

  it('keeps segment and dependency references whole', async () => {
    const segment = await call(svc.url, 'POST', '/v1/segments?environment=refs', {
      body: { name: 'beta users', constraints: [{ contextName: 'plan', operator: 'IN', values: ['beta'] }] },
    });
    expect(segment.status).toBe(201);
    const id = segment.body.segment.id;
    expectProblem(await put('uses-missing', { enabled: true, strategies: [{ name: 'default', segments: [999] }] }, {}, 'refs'), 422, 'UNKNOWN_SEGMENT');
    expect((await put('uses-segment', { enabled: true, strategies: [{ name: 'default', segments: [id] }] }, {}, 'refs')).status).toBe(201);
    expectProblem(await call(svc.url, 'DELETE', `/v1/segments/${id}?environment=refs`), 409, 'SEGMENT_IN_USE');

    expectProblem(
      await put('child', { enabled: true, strategies: [], dependencies: [{ feature: 'missing' }] }, {}, 'refs'),
      422,
      'UNKNOWN_PARENT',
    );
    expect((await put('parent', { enabled: true, strategies: [] }, {}, 'refs')).status).toBe(201);
    expect((await put('child', { enabled: true, strategies: [], dependencies: [{ feature: 'parent' }] }, {}, 'refs')).status).toBe(201);
    expectProblem(
      await put('grandchild', { enabled: true, strategies: [], dependencies: [{ feature: 'child' }] }, {}, 'refs'),
      422,
      'TRANSITIVE_DEPENDENCY',
    );
    expectProblem(
      await put('parent', { enabled: true, strategies: [], dependencies: [{ feature: 'uses-segment' }] }, {}, 'refs'),
      422,
      'TRANSITIVE_DEPENDENCY',
    );
    expectProblem(await call(svc.url, 'DELETE', '/v1/flags/parent?environment=refs'), 409, 'HAS_DEPENDENTS');
    expect((await call(svc.url, 'DELETE', '/v1/flags/child?environment=refs')).status).toBe(204);
    expect((await call(svc.url, 'DELETE', '/v1/flags/parent?environment=refs')).status).toBe(204);
    expectProblem(await call(svc.url, 'GET', '/v1/flags/parent?environment=refs'), 404, 'NOT_FOUND');

    const seg = await call(svc.url, 'GET', `/v1/segments/${id}?environment=refs`);
    const renamed = await call(svc.url, 'PUT', `/v1/segments/${id}?environment=refs`, {
      body: { name: 'beta', constraints: [] },
      headers: { 'if-match': seg.headers.get('etag')! },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.meta.version).toBe(2);
    const list = await call(svc.url, 'GET', '/v1/segments?environment=refs');
    expect(list.body.items.map((s: { segment: { name: string } }) => s.segment.name)).toEqual(['beta']);
  });

  it('creates environments on first write, lists them and deletes only empty ones', async () => {
    await put('env-flag', { enabled: true, strategies: [] }, {}, 'staging');
    const created = await call(svc.url, 'PUT', '/v1/environments/production', { body: { description: 'live' } });
    expect(created.status).toBe(201);
    const list = await call(svc.url, 'GET', '/v1/environments');
    const names = list.body.items.map((e: { name: string }) => e.name);
    expect(names).toEqual(expect.arrayContaining(['staging', 'production', 'crud']));
    expect(list.body.items.find((e: { name: string }) => e.name === 'staging').flags).toBe(1);
    expectProblem(await call(svc.url, 'DELETE', '/v1/environments/staging'), 409, 'NOT_EMPTY');
    expect((await call(svc.url, 'DELETE', '/v1/flags/env-flag?environment=staging')).status).toBe(204);
    expect((await call(svc.url, 'DELETE', '/v1/environments/staging')).status).toBe(204);
    expectProblem(await call(svc.url, 'GET', '/v1/environments/staging'), 404);
    const after = await call(svc.url, 'GET', '/v1/environments');
    expect(after.body.items.map((e: { name: string }) => e.name)).not.toContain('staging');
  });

  it('answers bad input with 4xx problem+json', async () => {
    expectProblem(await put('bad name!', { enabled: true, strategies: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('x', { enabled: 'yes', strategies: [] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('x', { enabled: true }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('x', { enabled: true, strategies: [], extra: 1 }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('x', { enabled: true, strategies: [{ name: 'percentage', percentage: 150 }] }), 400, 'VALIDATION_FAILED');
    expectProblem(await put('x', { enabled: true, strategies: [{ name: 'percentage', parameters: { percentage: 'lots' } }] }), 422, 'INVALID_FLAG');
    expectProblem(
      await put('x', { enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'a', operator: 'NOPE', values: [] }] }] }),
      422,
      'INVALID_FLAG',
    );
    expectProblem(
      await put('x', { enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '101' } }] }),
      422,
      'INVALID_FLAG',
    );
    expectProblem(await put('x', { name: 'y', enabled: true, strategies: [] }), 400, 'NAME_MISMATCH');
    expectProblem(await put('export', { enabled: true, strategies: [] }), 400, 'RESERVED_NAME');
    expectProblem(await call(svc.url, 'PUT', '/v1/flags/x', { raw: '{"enabled":', headers: { 'content-type': 'application/json' } }), 400, 'INVALID_JSON');
    expectProblem(await call(svc.url, 'PUT', '/v1/flags/x', { raw: 'enabled', headers: { 'content-type': 'text/plain' } }), 415);
    expectProblem(await put('x', { enabled: true, strategies: [] }, { 'if-match': 'nonsense' }), 412, 'PRECONDITION_FAILED');
    expectProblem(await call(svc.url, 'GET', '/v1/flags?environment=bad%20env'), 400, 'VALIDATION_FAILED');
    expectProblem(await call(svc.url, 'GET', '/v1/flags?cursor=%25%25'), 400, 'INVALID_CURSOR');
    expectProblem(await call(svc.url, 'GET', '/v1/flags', { headers: { 'x-trellis-environment': 'bad env' } }), 400, 'INVALID_ENVIRONMENT');
  });
});

describe('REQUIRE_IF_MATCH', () => {
  let svc: TestFlags;
  beforeAll(async () => {
    svc = await startTestFlags(testEnv({ REQUIRE_IF_MATCH: 'true' }));
  });
  afterAll(() => svc.close());

  it('answers 428 for updates and deletes without If-Match, and creates freely', async () => {
    const body = { enabled: true, strategies: [] };
    const created = await call(svc.url, 'PUT', '/v1/flags/strict', { body });
    expect(created.status).toBe(201);
    expectProblem(await call(svc.url, 'PUT', '/v1/flags/strict', { body: { ...body, enabled: false } }), 428, 'PRECONDITION_REQUIRED');
    expectProblem(await call(svc.url, 'DELETE', '/v1/flags/strict'), 428, 'PRECONDITION_REQUIRED');
    const updated = await call(svc.url, 'PUT', '/v1/flags/strict', {
      body: { ...body, enabled: false },
      headers: { 'if-match': created.headers.get('etag')! },
    });
    expect(updated.status).toBe(200);
  });
});

describe('API keys', () => {
  let svc: TestFlags;
  const READ = 'reader-key-0123456789';
  const WRITE = 'writer-key-0123456789';
  beforeAll(async () => {
    svc = await startTestFlags(testEnv({ TRELLIS_API_KEYS: `sdk:${READ}:read,ops:${WRITE}:write` }));
  });
  afterAll(() => svc.close());

  it('evaluation needs only read; changes need write and are attributed to the key name', async () => {
    const auth = (key: string) => ({ authorization: `Bearer ${key}` });
    expectProblem(await call(svc.url, 'PUT', '/v1/flags/k', { body: { enabled: true, strategies: [] } }), 401, 'UNAUTHENTICATED');
    expectProblem(
      await call(svc.url, 'PUT', '/v1/flags/k', { body: { enabled: true, strategies: [] }, headers: auth(READ) }),
      403,
      'FORBIDDEN',
    );
    const created = await call(svc.url, 'PUT', '/v1/flags/k', { body: { enabled: true, strategies: [] }, headers: auth(WRITE) });
    expect(created.body.meta.updatedBy).toBe('ops');
    const evaluated = await call(svc.url, 'POST', '/ofrep/v1/evaluate/flags/k', { body: {}, headers: auth(READ) });
    expect(evaluated.body.value).toBe(true);
    expect((await call(svc.url, 'POST', '/v1/evaluate', { body: {}, headers: auth(READ) })).status).toBe(200);
    expect((await call(svc.url, 'POST', '/ofrep/v1/evaluate/flags', { body: {}, headers: auth(READ) })).status).toBe(200);
  });
});
