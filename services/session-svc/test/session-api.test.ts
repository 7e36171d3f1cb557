import { closeServiceDeps, createServiceDeps } from '@trellis/service-kit';
import { freePort } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { api, startTestSessions, type TestSessions, testEnv } from './helpers.js';

const ID = /^[A-Za-z0-9_-]{44}$/;

describe('session API', () => {
  let svc: TestSessions;
  let s: ReturnType<typeof api>;
  beforeAll(async () => {
    svc = await startTestSessions(testEnv());
    s = api(svc.url);
  });
  afterAll(() => svc.close());

  it('creates a session with a server-issued 264-bit base64url id and the default TTLs', async () => {
    const created = await s.create({ userId: 'alice', data: { cart: [1, 2], theme: 'dark' }, clientInfo: { ip: '10.1.2.3', userAgent: 'curl/8' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.headers.get('cache-control')).toBe('no-store');
    const session = created.body;
    expect(session.sessionId).toMatch(ID);
    expect(session).toMatchObject({
      userId: 'alice',
      data: { cart: [1, 2], theme: 'dark' },
      version: 1,
      idleTtlSeconds: 1_800,
      clientInfo: { ip: '10.1.2.3', userAgent: 'curl/8' },
      idValidUntil: null,
    });
    expect(session.sessionRef).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(session.sessionId).not.toContain(session.sessionRef);
    const created_ = Date.parse(session.createdAt);
    expect(Date.parse(session.idleExpiresAt) - created_).toBe(30 * 60_000);
    expect(Date.parse(session.absoluteExpiresAt) - created_).toBe(12 * 3_600_000);

    const read = await s.get(session.sessionId);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual({ cart: [1, 2], theme: 'dark' });
    expect(read.headers.get('etag')).toBe('"1"');
  });

  it('issues distinct ids (no two sessions ever share one)', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, async () => (await s.create({ data: {} })).body.sessionId as string));
    expect(new Set(ids).size).toBe(50);
    // Anonymous sessions work and belong to nobody.
    expect((await s.get(ids[0]!)).body.userId).toBeNull();
  });

  it('GET slides the idle expiry once per touch interval; touch=false never does', async () => {
    const { body } = await s.create({ userId: 'slide', idleTtlSeconds: 60, absoluteTtlSeconds: 600 });
    await new Promise((r) => setTimeout(r, 30));
    const quiet = await s.get(body.sessionId, '?touch=false');
    expect(quiet.body.idleExpiresAt).toBe(body.idleExpiresAt);
    expect(quiet.body.lastAccessedAt).toBe(body.lastAccessedAt);
    // Within SESSION_TOUCH_INTERVAL_MS (1 s by default) of the last access, a read writes nothing.
    const soon = await s.get(body.sessionId);
    expect(soon.body.idleExpiresAt).toBe(body.idleExpiresAt);
    expect(soon.body.lastAccessedAt).toBe(body.lastAccessedAt);
    await new Promise((r) => setTimeout(r, 1_000));
    const touched = await s.get(body.sessionId);
    expect(Date.parse(touched.body.idleExpiresAt)).toBeGreaterThan(Date.parse(body.idleExpiresAt));
    expect(Date.parse(touched.body.lastAccessedAt)).toBeGreaterThan(Date.parse(body.lastAccessedAt));
  });

  it('answers 404 problem+json for malformed, unknown and forged ids', async () => {
    const { body } = await s.create({ userId: 'forge' });
    const id: string = body.sessionId;
    const forged = id.slice(0, 22) + 'A'.repeat(22); // right family, wrong secret
    const flipped = id.slice(0, -1) + (id.endsWith('A') ? 'B' : 'A');
    for (const bad of ['nope', 'x'.repeat(44), forged, flipped, `${id}x`, id.slice(1), '%2F..%2F', '{tag}'.repeat(9)]) {
      const reply = await s.get(bad);
      expect(reply.status, bad).toBe(404);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
      expect(reply.body.code).toBe('NOT_FOUND');
      expect((await s.patch(bad, { a: 1 })).status).toBe(404);
      expect((await s.rotate(bad)).status).toBe(404);
      expect((await s.remove(bad)).status).toBe(404);
    }
    expect((await s.get('a'.repeat(600))).status).toBe(400); // beyond any bound: rejected by the schema
    expect((await s.get(id)).status).toBe(200);
  });

  it('never accepts an id it did not issue: only unclaimed reserved ids create sessions', async () => {
    const invented = 'Q'.repeat(44);
    const refused = await s.create({ sessionId: invented, userId: 'reserve' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('SESSION_ID_NOT_ISSUED');
    expect((await s.get(invented)).status).toBe(404);

    const reserved = await s.reserve(3);
    expect(reserved.status).toBe(201);
    expect(reserved.body.sessionIds).toHaveLength(3);
    const [first] = reserved.body.sessionIds as string[];
    expect((await s.get(first!)).status).toBe(404); // reserved is not a session yet
    const created = await s.create({ sessionId: first, userId: 'reserve', data: { n: 1 } });
    expect(created.status).toBe(201);
    expect(created.body.sessionId).toBe(first);
    expect((await s.create({ sessionId: first, userId: 'reserve' })).status).toBe(409); // once only
    // A deleted session's id cannot be brought back either.
    expect((await s.remove(first!)).status).toBe(204);
    expect((await s.create({ sessionId: first, userId: 'reserve' })).status).toBe(409);
    expect((await s.get(first!)).status).toBe(404);
  });

  it('deletes: 204, then 404 everywhere', async () => {
    const { body } = await s.create({ userId: 'bye', data: { a: 1 } });
    expect((await s.remove(body.sessionId)).status).toBe(204);
    expect((await s.get(body.sessionId)).status).toBe(404);
    expect((await s.remove(body.sessionId)).status).toBe(404);
    expect((await s.patch(body.sessionId, { a: 2 })).status).toBe(404);
  });

  it('rejects bad input with 4xx problem+json', async () => {
    const cases: [Record<string, unknown>, number][] = [
      [{ idleTtlSeconds: -5 }, 400],
      [{ absoluteTtlSeconds: -1 }, 400],
      [{ idleTtlSeconds: 0 }, 400],
      [{ idleTtlSeconds: 1.5 }, 400],
      [{ absoluteTtlSeconds: 40 * 86_400 }, 400], // above SESSION_MAX_TTL_SECONDS (30 days)
      [{ userId: '' }, 400],
      [{ userId: 'has space' }, 400],
      [{ data: [1, 2] }, 400],
      [{ data: 'text' }, 400],
      [{ data: { '': 1 } }, 400],
      [{ sessionId: 'short' }, 400],
      [{ clientInfo: { ip: 'not an ip' } }, 400],
      [{ unknown: true }, 400],
      [{ data: { big: 'x'.repeat(70_000) } }, 413],
      [{ data: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`f${i}`, i])) }, 413],
    ];
    for (const [body, status] of cases) {
      const reply = await s.create(body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(reply.headers.get('content-type')).toContain('application/problem+json');
    }
    const negativeGrace = await s.rotate((await s.create()).body.sessionId, { graceSeconds: -1 });
    expect(negativeGrace.status).toBe(400);
    const badJson = await fetch(`${svc.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"data":' });
    expect(badJson.status).toBe(400);
    const proto = await fetch(`${svc.url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"data":{"__proto__":{"admin":true}}}',
    });
    expect(proto.status).toBe(400);
    expect((await s.list('u', '?cursor=garbage')).status).toBe(400);
    expect((await s.list('u', '?limit=0')).status).toBe(400);
    expect((await s.reserve(0)).status).toBe(400);
    expect((await s.reserve(101)).status).toBe(400);
  });

  it('answers 404 for a malformed id without touching Redis (503 only for a real lookup)', async () => {
    const port = await freePort(); // nothing listens here
    const config = loadConfig({ REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: 'silent', PORT: '0' });
    const deps = createServiceDeps(config);
    const app = await buildApp(config, deps, { reaper: false });
    try {
      const malformed = await app.inject({ method: 'GET', url: '/v1/sessions/not-a-session-id' });
      expect(malformed.statusCode).toBe(404);
      const wellFormed = await app.inject({ method: 'GET', url: `/v1/sessions/${'A'.repeat(44)}` });
      expect(wellFormed.statusCode).toBe(503);
    } finally {
      await app.close();
      await closeServiceDeps(deps);
    }
  });
});
