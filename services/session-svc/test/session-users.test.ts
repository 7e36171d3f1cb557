import { waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type Json, listAll, sleep, startTestSessions, type TestSessions, testEnv } from './helpers.js';

describe("a user's sessions: index, listing, invalidate-all, limits", () => {
  let svc: TestSessions;
  let s: ReturnType<typeof api>;
  beforeAll(async () => {
    svc = await startTestSessions(testEnv());
    s = api(svc.url);
  });
  afterAll(() => svc.close());

  it('lists a user’s sessions page by page, with client info and times, never with ids', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      const { body } = await s.create({ userId: 'lister', clientInfo: { ip: `10.0.0.${i}`, userAgent: `agent-${i}` } });
      ids.push(body.sessionId);
    }
    await s.create({ userId: 'someone-else' });
    const pages: Json[] = [];
    let cursor: string | null = null;
    do {
      const reply = await s.list('lister', `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('cache-control')).toBe('no-store');
      pages.push(reply.body);
      cursor = reply.body.nextCursor;
    } while (cursor);
    expect(pages.map((p) => p.sessions.length)).toEqual([3, 3, 1]);
    const sessions = pages.flatMap((p) => p.sessions);
    expect(new Set(sessions.map((x: Json) => x.sessionRef)).size).toBe(7);
    expect(sessions.map((x: Json) => x.clientInfo.userAgent).sort()).toEqual(Array.from({ length: 7 }, (_, i) => `agent-${i}`));
    for (const summary of sessions) {
      expect(summary).toMatchObject({ userId: 'lister', clientInfo: { ip: expect.stringMatching(/^10\.0\.0\.\d$/) } });
      for (const time of ['createdAt', 'lastAccessedAt', 'idleExpiresAt', 'absoluteExpiresAt']) expect(Date.parse(summary[time])).toBeGreaterThan(0);
    }
    const text = JSON.stringify(pages);
    for (const id of ids) expect(text).not.toContain(id);
    expect((await s.list('nobody')).body).toEqual({ sessions: [], nextCursor: null });
  });

  it('invalidate-all leaves no live session for the user, except the one named', async () => {
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) => s.create({ userId: 'everywhere', data: { i }, idleTtlSeconds: 600 })),
    );
    const ids = created.map((c) => c.body.sessionId as string);
    // Some sessions are mid-rotation: their old ids are in a grace period.
    const rotated = await Promise.all(ids.slice(0, 5).map((id) => s.rotate(id, { graceSeconds: 60 })));
    const keep = rotated[0]!.body.sessionId as string;
    const bystander = (await s.create({ userId: 'bystander' })).body.sessionId;

    const result = await s.invalidate('everywhere', keep);
    expect(result.status).toBe(200);
    expect(result.body.deleted).toBe(29);

    const statuses = await Promise.all([...ids, ...rotated.map((r) => r.body.sessionId as string)].map(async (id) => [id, (await s.get(id)).status]));
    for (const [id, status] of statuses) expect(status, id === keep || id === ids[0] ? 'kept' : 'ended').toBe(id === keep || id === ids[0] ? 200 : 404);
    expect((await listAll(svc.url, 'everywhere')).map((x: Json) => x.sessionRef)).toEqual([rotated[0]!.body.sessionRef]);
    expect((await s.get(bystander)).status).toBe(200);

    // Without except: everything goes.
    expect((await s.invalidate('everywhere')).body.deleted).toBe(1);
    expect((await s.get(keep)).status).toBe(404);
    expect(await listAll(svc.url, 'everywhere')).toEqual([]);
  });

  it('invalidate-all wins over sessions in use at the same moment: no write brings one back', async () => {
    const ids = (await Promise.all(Array.from({ length: 20 }, () => s.create({ userId: 'busy-user', data: { n: 0 } })))).map(
      (c) => c.body.sessionId as string,
    );
    const traffic = Promise.all(
      Array.from({ length: 100 }, (_, i) => {
        const id = ids[i % ids.length]!;
        return i % 3 === 0 ? s.get(id) : i % 3 === 1 ? s.patch(id, { [`f${i}`]: i }) : s.replace(id, { n: i });
      }),
    );
    const result = await s.invalidate('busy-user');
    const replies = await traffic;
    expect(replies.every((r) => r.status === 200 || r.status === 404)).toBe(true);
    expect(result.body.deleted).toBe(20);
    expect((await Promise.all(ids.map((id) => s.get(id)))).map((r) => r.status)).toEqual(Array(20).fill(404));
    expect(await listAll(svc.url, 'busy-user')).toEqual([]);
  });

  it('invalidate-all ignores an except that is not a live session of that user', async () => {
    const mine = (await s.create({ userId: 'victim' })).body.sessionId;
    const theirs = (await s.create({ userId: 'attacker' })).body.sessionId;
    expect((await s.invalidate('victim', theirs)).body.deleted).toBe(1);
    expect((await s.get(mine)).status).toBe(404);
    expect((await s.get(theirs)).status).toBe(200);
    expect((await s.invalidate('attacker', 'garbage')).body.deleted).toBe(1);
  });

  it('heals the index: ended sessions drop out of the listing by themselves', async () => {
    const short = await Promise.all(Array.from({ length: 4 }, () => s.create({ userId: 'healing', idleTtlSeconds: 1, absoluteTtlSeconds: 30 })));
    const long = await s.create({ userId: 'healing', idleTtlSeconds: 600 });
    expect(await listAll(svc.url, 'healing')).toHaveLength(5);
    await s.remove(short[0]!.body.sessionId);
    await waitFor(async () => (await listAll(svc.url, 'healing')).length === 1, { timeoutMs: 10_000 });
    expect((await listAll(svc.url, 'healing'))[0].sessionRef).toBe(long.body.sessionRef);
  });

  it('revokes one session by its sessionRef', async () => {
    const a = (await s.create({ userId: 'devices' })).body;
    const b = (await s.create({ userId: 'devices' })).body;
    expect((await s.revoke('devices', b.sessionRef)).status).toBe(204);
    expect((await s.get(b.sessionId)).status).toBe(404);
    expect((await s.get(a.sessionId)).status).toBe(200);
    expect((await s.revoke('devices', b.sessionRef)).status).toBe(404);
    expect((await s.revoke('someone-else', a.sessionRef)).status).toBe(404); // only within that user
    expect((await s.revoke('devices', 'not-a-ref')).status).toBe(400);
  });
});

describe('maxSessionsPerUser', () => {
  it('evicts the oldest sessions (evict-oldest)', async () => {
    const svc = await startTestSessions(testEnv({ SESSION_MAX_PER_USER: '3' }));
    try {
      const s = api(svc.url);
      const ids: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        ids.push((await s.create({ userId: 'capped', data: { i } })).body.sessionId);
        await sleep(5); // distinct creation times, so "oldest" is unambiguous
      }
      const statuses = await Promise.all(ids.map(async (id) => (await s.get(id)).status));
      expect(statuses).toEqual([404, 404, 200, 200, 200]);
      expect(await listAll(svc.url, 'capped')).toHaveLength(3);

      // Many at once: never more than the limit alive.
      const burst = await Promise.all(Array.from({ length: 12 }, () => s.create({ userId: 'burst' })));
      expect(burst.every((r) => r.status === 201 || r.status === 409)).toBe(true);
      const alive = await Promise.all(burst.filter((r) => r.status === 201).map(async (r) => (await s.get(r.body.sessionId)).status));
      expect(alive.filter((status) => status === 200).length).toBeLessThanOrEqual(3);
      expect((await listAll(svc.url, 'burst')).length).toBeLessThanOrEqual(3);
      // Anonymous sessions count for nobody.
      const anonymous = await Promise.all(Array.from({ length: 5 }, () => s.create({})));
      expect(anonymous.every((r) => r.status === 201)).toBe(true);
    } finally {
      await svc.close();
    }
  });

  it('refuses new sessions at the limit (refuse), exactly the limit winning a race', async () => {
    const svc = await startTestSessions(testEnv({ SESSION_MAX_PER_USER: '3', SESSION_MAX_PER_USER_POLICY: 'refuse' }));
    try {
      const s = api(svc.url);
      const replies = await Promise.all(Array.from({ length: 15 }, () => s.create({ userId: 'strict' })));
      expect(replies.filter((r) => r.status === 201)).toHaveLength(3);
      const refused = replies.filter((r) => r.status === 409);
      expect(refused).toHaveLength(12);
      expect(refused[0]!.body).toMatchObject({ code: 'TOO_MANY_SESSIONS', maxSessions: 3 });
      // An ended session frees its place (even before the reaper sees it).
      const first = replies.find((r) => r.status === 201)!.body.sessionId;
      expect((await s.remove(first)).status).toBe(204);
      expect((await s.create({ userId: 'strict' })).status).toBe(201);
      expect((await s.create({ userId: 'strict' })).status).toBe(409);
    } finally {
      await svc.close();
    }
  });
});
