import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestSessions, type TestSessions, testEnv } from './helpers.js';

describe('session data: JSON Merge Patch, per-field storage, If-Match', () => {
  let svc: TestSessions;
  let s: ReturnType<typeof api>;
  beforeAll(async () => {
    svc = await startTestSessions(testEnv({ SESSION_MAX_DATA_BYTES: '4096', SESSION_MAX_DATA_FIELDS: '64' }));
    s = api(svc.url);
  });
  afterAll(() => svc.close());

  it('applies RFC 7396: null removes, objects merge, arrays and scalars replace', async () => {
    const { body } = await s.create({
      userId: 'mp',
      data: { prefs: { theme: 'dark', lang: 'en', nested: { a: 1 } }, cart: [1, 2, 3], gone: true, count: 1 },
    });
    const patched = await s.patch(body.sessionId, {
      prefs: { lang: null, tz: 'UTC', nested: { b: 2 } },
      cart: [4],
      gone: null,
      count: { now: 'object' },
      fresh: { x: null, y: 1 },
    });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body.version).toBe(2);
    expect(patched.body.data).toEqual({
      prefs: { theme: 'dark', tz: 'UTC', nested: { a: 1, b: 2 } },
      cart: [4],
      count: { now: 'object' },
      fresh: { y: 1 },
    });
    expect((await s.get(body.sessionId)).body.data).toEqual(patched.body.data);
    // Member names that are special to JavaScript are plain data here.
    const special = await s.patch(body.sessionId, { prefs: { constructor: 'c', prototype: 'p', toString: 1 } });
    expect(special.body.data.prefs).toMatchObject({ constructor: 'c', prototype: 'p', toString: 1, theme: 'dark' });
  });

  it('returns data exactly as written: unicode, escapes, slashes, big and tiny numbers', async () => {
    const data = {
      text: 'ünïcødé 😀 \u0000\u001f "quoted" \\ back/slash </script>',
      numbers: [0, -0.5, 1e21, 9007199254740991, 1.7976931348623157e308, 5e-324],
      nested: { deep: [{ empty: {} }, [], ''] },
      'field with spaces / and ü': true,
    };
    const { body } = await s.create({ userId: 'exact', data });
    const read = await s.get(body.sessionId);
    expect(read.body.data).toEqual(data);
    expect(read.body.userId).toBe('exact');
  });

  it('keeps every field when many clients patch different fields at once', async () => {
    const { body } = await s.create({ userId: 'race', data: { base: 0 } });
    const writers = 40;
    const replies = await Promise.all(Array.from({ length: writers }, (_, i) => s.patch(body.sessionId, { [`field${i}`]: i })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const { data, version } = (await s.get(body.sessionId)).body;
    expect(Object.keys(data)).toHaveLength(writers + 1);
    for (let i = 0; i < writers; i += 1) expect(data[`field${i}`]).toBe(i);
    expect(version).toBe(writers + 1);
    // Every version was handed out once: no two writes were merged into one step.
    expect(new Set(replies.map((r) => r.body.version)).size).toBe(writers);
  });

  it('keeps every member when many clients merge into the SAME object field at once', async () => {
    const { body } = await s.create({ userId: 'race', data: { prefs: { keep: true } } });
    const writers = 25;
    const replies = await Promise.all(Array.from({ length: writers }, (_, i) => s.patch(body.sessionId, { prefs: { [`k${i}`]: i } })));
    expect(replies.map((r) => r.status)).toEqual(Array(writers).fill(200));
    const { data } = (await s.get(body.sessionId)).body;
    expect(Object.keys(data.prefs)).toHaveLength(writers + 1);
    for (let i = 0; i < writers; i += 1) expect(data.prefs[`k${i}`]).toBe(i);
  });

  it('honours If-Match: strong "<version>" and *, 412 with currentETag otherwise, 400 when malformed', async () => {
    const { body } = await s.create({ userId: 'etag', data: { n: 0 } });
    const id = body.sessionId;
    const ok = await s.patch(id, { n: 1 }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    const stale = await s.patch(id, { n: 2 }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body.currentETag).toBe('"2"');
    expect(stale.headers.get('etag')).toBe('"2"');
    expect((await s.patch(id, { n: 2 }, { 'if-match': '"7", "2"' })).status).toBe(200);
    expect((await s.patch(id, { n: 3 }, { 'if-match': 'W/"3"' })).status).toBe(412); // weak never matches
    expect((await s.patch(id, { n: 3 }, { 'if-match': '"abc"' })).status).toBe(412);
    expect((await s.patch(id, { n: 3 }, { 'if-match': '*' })).status).toBe(200);
    for (const bad of ['3', '"3', 'W/3', '', '"1",,', '"a b"']) {
      const reply = await s.patch(id, { n: 9 }, { 'if-match': bad });
      expect(reply.status, bad).toBe(400);
      expect(reply.body.code).toBe(bad === '' ? reply.body.code : 'INVALID_IF_MATCH');
    }
    expect((await s.get(id)).body.data.n).toBe(3); // nothing refused was written
    expect((await s.replace(id, { fresh: 1 }, { 'if-match': '"1"' })).status).toBe(412);
  });

  it('lets exactly one of many concurrent conditional writers win per version', async () => {
    const { body } = await s.create({ userId: 'cas', data: { n: 0 } });
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => s.patch(body.sessionId, { n: i + 1 }, { 'if-match': '"1"' })));
    expect(replies.filter((r) => r.status === 200)).toHaveLength(1);
    expect(replies.filter((r) => r.status === 412)).toHaveLength(19);
  });

  it('refuses oversized data without writing any of it', async () => {
    const { body } = await s.create({ userId: 'big', data: { small: 1 } });
    const tooBig = await s.patch(body.sessionId, { a: 'x'.repeat(2_000), b: 'y'.repeat(2_100) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.code).toBe('DATA_TOO_LARGE');
    const tooMany = await s.patch(body.sessionId, Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`f${i}`, i])));
    expect(tooMany.status).toBe(413);
    const after = (await s.get(body.sessionId)).body;
    expect(after.data).toEqual({ small: 1 });
    expect(after.version).toBe(1);
    // Removing a field frees its room.
    expect((await s.patch(body.sessionId, { a: 'x'.repeat(2_000) })).status).toBe(200);
    expect((await s.patch(body.sessionId, { a: null, b: 'y'.repeat(3_000) })).status).toBe(200);
    expect((await s.replace(body.sessionId, { huge: 'z'.repeat(5_000) })).status).toBe(413);
  });

  it('takes only application/merge-patch+json for PATCH', async () => {
    const { body } = await s.create({ userId: 'ct' });
    const asJson = await fetch(`${svc.url}/v1/sessions/${body.sessionId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(asJson.status).toBe(415);
    expect(asJson.headers.get('accept-patch')).toBe('application/merge-patch+json');
    const notObject = await s.patch(body.sessionId, [1, 2]);
    expect(notObject.status).toBe(400);
  });

  it('PUT /data replaces the whole data and bumps the version', async () => {
    const { body } = await s.create({ userId: 'put', data: { a: 1, b: 2 } });
    const replaced = await s.replace(body.sessionId, { c: 3 }, { 'if-match': '"1"' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ data: { c: 3 }, version: 2 });
    expect((await s.replace(body.sessionId, {})).body.data).toEqual({});
    expect((await s.get(body.sessionId)).body.data).toEqual({});
  });
});
