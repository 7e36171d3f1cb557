import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, sleep, startTestSessions, type TestSessions, testEnv } from './helpers.js';

describe('session lifecycle: idle and absolute expiry, rotation with grace', () => {
  let svc: TestSessions;
  let s: ReturnType<typeof api>;
  beforeAll(async () => {
    svc = await startTestSessions(testEnv());
    s = api(svc.url);
  });
  afterAll(() => svc.close());

  it('ends a session left idle past its idle timeout', async () => {
    const { body } = await s.create({ userId: 'idle', idleTtlSeconds: 1, absoluteTtlSeconds: 60 });
    expect((await s.get(body.sessionId, '?touch=false')).status).toBe(200);
    await waitFor(async () => (await s.get(body.sessionId, '?touch=false')).status === 404, { timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(body.idleExpiresAt));
  });

  it('keeps a used session alive past its idle timeout (sliding)', async () => {
    const { body } = await s.create({ userId: 'busy', idleTtlSeconds: 2, absoluteTtlSeconds: 60 });
    const until = Date.parse(body.idleExpiresAt) + 2_000;
    while (Date.now() < until) {
      const reply = await s.get(body.sessionId);
      expect(reply.status).toBe(200);
      expect(Date.parse(reply.body.idleExpiresAt)).toBeGreaterThan(Date.now());
      await sleep(300);
    }
  });

  it('lets the absolute timeout win over sliding: a busy session still ends on time', async () => {
    const { body } = await s.create({ userId: 'absolute', idleTtlSeconds: 2, absoluteTtlSeconds: 3 });
    const absolute = Date.parse(body.absoluteExpiresAt);
    let lastAlive = 0;
    for (;;) {
      const reply = await s.get(body.sessionId);
      if (reply.status === 404) break;
      // Sliding never carries the idle expiry past the absolute one.
      expect(Date.parse(reply.body.idleExpiresAt)).toBeLessThanOrEqual(absolute);
      expect(reply.body.absoluteExpiresAt).toBe(body.absoluteExpiresAt);
      lastAlive = Date.now();
      expect(lastAlive).toBeLessThan(absolute + 2_000); // it did end
      await sleep(200);
    }
    expect(lastAlive).toBeGreaterThan(absolute - 2_000); // it was alive (kept by sliding) until close to the end
    // An idle TTL above the absolute one is capped by it.
    const capped = await s.create({ idleTtlSeconds: 600, absoluteTtlSeconds: 5 });
    expect(capped.body.idleExpiresAt).toBe(capped.body.absoluteExpiresAt);
  });

  it('rotates: new id, same data; the old id works for the grace period, then dies', async () => {
    const { body } = await s.create({ userId: 'rot', data: { role: 'guest' }, idleTtlSeconds: 60 });
    const oldId: string = body.sessionId;
    const rotated = await s.rotate(oldId, { graceSeconds: 2 });
    expect(rotated.status).toBe(200);
    const newId: string = rotated.body.sessionId;
    expect(newId).not.toBe(oldId);
    expect(newId).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect(rotated.body).toMatchObject({ data: { role: 'guest' }, sessionRef: body.sessionRef, userId: 'rot', idValidUntil: null });
    const graceEnd = Date.parse(rotated.body.previousIdValidUntil);
    expect(graceEnd - Date.parse(rotated.body.lastAccessedAt)).toBe(2_000);

    // During the grace period the old id reaches the same session (writes land in it too)...
    const viaOld = await s.patch(oldId, { role: 'admin' });
    expect(viaOld.status).toBe(200);
    // ...but it never learns the new id, and cannot rotate again.
    expect(viaOld.body.sessionId).toBe(oldId);
    expect(JSON.stringify(viaOld.body)).not.toContain(newId);
    expect(viaOld.body.idValidUntil).toBe(rotated.body.previousIdValidUntil);
    const again = await s.rotate(oldId);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SESSION_ID_SUPERSEDED');
    expect((await s.get(newId)).body.data).toEqual({ role: 'admin' });

    await waitFor(async () => (await s.get(oldId)).status === 404, { timeoutMs: 10_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(graceEnd);
    expect((await s.get(newId)).status).toBe(200);
    expect((await s.patch(oldId, { x: 1 })).status).toBe(404);
    expect((await s.remove(oldId)).status).toBe(404);
  });

  it('rotates with no grace: the old id dies at once; rotation chains keep the data', async () => {
    const { body } = await s.create({ userId: 'rot0', data: { n: 1 } });
    let id: string = body.sessionId;
    const seen = new Set([id]);
    for (let i = 0; i < 5; i += 1) {
      const rotated = await s.rotate(id, { graceSeconds: 0 });
      expect(rotated.status).toBe(200);
      expect(rotated.body.previousIdValidUntil).toBeNull();
      expect((await s.get(id)).status).toBe(404);
      id = rotated.body.sessionId;
      expect(seen.has(id)).toBe(false);
      seen.add(id);
    }
    expect((await s.get(id)).body).toMatchObject({ data: { n: 1 }, sessionRef: body.sessionRef });
  });

  it('uses the configured default grace (10 s) when the request names none', async () => {
    const { body } = await s.create({ userId: 'rot-default' });
    const rotated = await s.rotate(body.sessionId);
    expect(Date.parse(rotated.body.previousIdValidUntil) - Date.parse(rotated.body.lastAccessedAt)).toBe(10_000);
    expect((await s.get(body.sessionId)).status).toBe(200);
  });

  it('deleting through an id in its grace period ends the whole session', async () => {
    const { body } = await s.create({ userId: 'rot-del' });
    const rotated = await s.rotate(body.sessionId, { graceSeconds: 30 });
    expect((await s.remove(body.sessionId)).status).toBe(204);
    expect((await s.get(rotated.body.sessionId)).status).toBe(404);
  });

  it('refuses TTLs outside the configured bounds', async () => {
    const bounded = await startTestSessions(testEnv({ SESSION_MIN_TTL_SECONDS: '60', SESSION_MAX_TTL_SECONDS: '3600', SESSION_ABSOLUTE_TTL_SECONDS: '3600' }), { reaper: false });
    try {
      const b = api(bounded.url);
      for (const body of [{ idleTtlSeconds: 10 }, { absoluteTtlSeconds: 7_200 }, { idleTtlSeconds: -1 }]) {
        const reply = await b.create(body);
        expect(reply.status).toBe(400);
        expect(reply.headers.get('content-type')).toContain('application/problem+json');
      }
      expect((await b.create({ idleTtlSeconds: 60, absoluteTtlSeconds: 3_600 })).status).toBe(201);
    } finally {
      await bounded.close();
    }
  });
});
