import { createHmac } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '@trellis/testkit';
import express from 'express';
import session from 'express-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrellisSessionStore, SessionApi } from '../src/session/index.js';
import { CookieJar, expressSessionId, type RunningSessions, startSessionService } from './session-helpers.js';

declare module 'express-session' {
  interface SessionData {
    views: number;
    userId: string;
    cartItems: string[];
  }
}

const TrellisStore = createTrellisSessionStore(session);
const SECRET = 'test-secret-for-cookies';

describe('express-session with the session-svc store (real express, real express-session)', () => {
  let sessions: RunningSessions;
  let api: SessionApi;
  let store: InstanceType<typeof TrellisStore>;
  let server: Server;
  let base: string;
  let releaseSlow: (() => void) | undefined;

  beforeAll(async () => {
    sessions = await startSessionService();
    api = new SessionApi({ baseUrl: sessions.url });
    store = new TrellisStore({ baseUrl: sessions.url, reserveBatch: 4 });
    const app = express();
    app.use(express.json());
    app.use(store.reserveIds());
    app.use(
      session({
        store,
        genid: store.genid,
        secret: SECRET,
        name: 'sid',
        resave: false,
        saveUninitialized: false,
        cookie: { maxAge: 600_000 },
      }),
    );
    app.get('/visit', (req, res) => {
      req.session.views = (req.session.views ?? 0) + 1;
      res.json({ views: req.session.views, userId: req.session.userId ?? null });
    });
    app.get('/peek', (req, res) => {
      res.json({ views: req.session.views ?? null, userId: req.session.userId ?? null });
    });
    app.post('/login', (req, res, next) => {
      // OWASP: a new id on every privilege change.
      req.session.regenerate((error) => {
        if (error) return next(error);
        req.session.userId = req.body.user;
        res.json({ ok: true });
      });
    });
    app.post('/logout', (req, res, next) => {
      req.session.destroy((error) => (error ? next(error) : res.json({ ok: true })));
    });
    app.post('/slow-cart', (req, res) => {
      req.session.cartItems = [...(req.session.cartItems ?? []), 'late-item'];
      new Promise<void>((resolve) => {
        releaseSlow = resolve;
      }).then(() => res.json({ ok: true }));
    });
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sessions.close();
  });

  const go = async (jar: CookieJar, path: string, init: RequestInit = {}) => {
    const response = await fetch(`${base}${path}`, {
      ...init,
      headers: { cookie: jar.header(), 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
    jar.absorb(response);
    return { status: response.status, body: (await response.json()) as ReturnType<typeof JSON.parse> };
  };

  it('keeps session state across requests in session-svc, under a session-svc-issued id', async () => {
    const jar = new CookieJar();
    expect((await go(jar, '/peek')).body).toEqual({ views: null, userId: null });
    expect(jar.get('sid')).toBeUndefined(); // saveUninitialized: false
    expect((await go(jar, '/visit')).body.views).toBe(1);
    const sid = expressSessionId(jar.get('sid'));
    expect(sid).toMatch(/^[A-Za-z0-9_-]{44}$/);
    expect((await go(jar, '/visit')).body.views).toBe(2);
    expect((await go(jar, '/visit')).body.views).toBe(3);
    const stored = await api.get(sid!, { touch: false });
    expect(stored?.data).toMatchObject({ views: 3 });
    // express-session's Cookie reads originalMaxAge back as expires - now, so it is 599,999 when
    // the clock ticks between setting and reading it.
    const originalMaxAge = (stored?.data.cookie as { originalMaxAge?: number } | undefined)?.originalMaxAge;
    expect(originalMaxAge).toBeGreaterThanOrEqual(599_000);
    expect(originalMaxAge).toBeLessThanOrEqual(600_000);
    expect(stored?.idleTtlSeconds).toBe(600); // from the cookie's maxAge
  });

  it('slides the idle expiry through touch() on requests that change nothing', async () => {
    const jar = new CookieJar();
    await go(jar, '/visit');
    const sid = expressSessionId(jar.get('sid'))!;
    const before = await api.get(sid, { touch: false });
    // session-svc slides at most once per SESSION_TOUCH_INTERVAL_MS (1 s by default).
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await go(jar, '/peek');
    const after = await api.get(sid, { touch: false });
    expect(Date.parse(after!.idleExpiresAt)).toBeGreaterThan(Date.parse(before!.idleExpiresAt));
    expect(after!.version).toBe(before!.version);
  });

  it('regenerates at login: new id, bound to the user; the old one is gone', async () => {
    const jar = new CookieJar();
    await go(jar, '/visit');
    const anonymous = expressSessionId(jar.get('sid'))!;
    expect((await go(jar, '/login', { method: 'POST', body: JSON.stringify({ user: 'ada' }) })).status).toBe(200);
    const authenticated = expressSessionId(jar.get('sid'))!;
    expect(authenticated).not.toBe(anonymous);
    expect(await api.get(anonymous)).toBeUndefined();
    const stored = await api.get(authenticated, { touch: false });
    expect(stored).toMatchObject({ userId: 'ada', data: { userId: 'ada' } });
    expect((await go(jar, '/visit')).body).toEqual({ views: 1, userId: 'ada' });
    expect((await store.listForUser('ada')).map((s) => s.sessionRef)).toEqual([stored!.sessionRef]);
  });

  it('logs out: destroy ends the session in session-svc', async () => {
    const jar = new CookieJar();
    await go(jar, '/login', { method: 'POST', body: JSON.stringify({ user: 'grace' }) });
    const sid = expressSessionId(jar.get('sid'))!;
    expect(await api.get(sid)).toBeDefined();
    await go(jar, '/logout', { method: 'POST' });
    expect(await api.get(sid)).toBeUndefined();
    expect((await go(jar, '/peek')).body).toEqual({ views: null, userId: null });
  });

  it('sign out everywhere: every other session of the user ends, and a late save cannot revive one', async () => {
    const devices = [new CookieJar(), new CookieJar(), new CookieJar()];
    for (const jar of devices) await go(jar, '/login', { method: 'POST', body: JSON.stringify({ user: 'linus' }) });
    const [phone, laptop, tablet] = devices as [CookieJar, CookieJar, CookieJar];
    expect(await store.listForUser('linus')).toHaveLength(3);

    // The tablet is in the middle of a request that will save the session when it ends.
    const slow = go(tablet, '/slow-cart', { method: 'POST' });
    await waitFor(() => releaseSlow !== undefined);
    const ended = await store.destroyAllForUser('linus', expressSessionId(phone.get('sid')));
    expect(ended).toBe(2);
    releaseSlow!();
    expect((await slow).status).toBe(200);

    expect(await store.listForUser('linus')).toHaveLength(1);
    expect((await go(phone, '/peek')).body.userId).toBe('linus');
    expect((await go(laptop, '/peek')).body.userId).toBeNull();
    expect((await go(tablet, '/peek')).body.userId).toBeNull();
    expect(await api.get(expressSessionId(tablet.get('sid'))!)).toBeUndefined();
  });

  it('never takes an id from the client: a forged or stale cookie gets a fresh server-issued id', async () => {
    const jar = new CookieJar();
    await go(jar, '/visit');
    const real = jar.get('sid')!;
    // A fixation attempt with a correctly signed cookie naming an id session-svc never issued.
    const invented = 'Q'.repeat(44);
    jar.set('sid', encodeURIComponent(`s:${invented}.${createHmac('sha256', SECRET).update(invented).digest('base64').replace(/=+$/, '')}`));
    expect((await go(jar, '/visit')).body.views).toBe(1); // a new session, not the invented one
    const fresh = expressSessionId(jar.get('sid'))!;
    expect(fresh).not.toBe(invented);
    expect(fresh).not.toBe(expressSessionId(real));
    expect(await api.get(fresh, { touch: false })).toBeDefined();
    expect(await api.get(invented)).toBeUndefined();
  });

  it('serves many new visitors at once from the reserved-id pool', async () => {
    const jars = Array.from({ length: 25 }, () => new CookieJar());
    const replies = await Promise.all(jars.map((jar) => go(jar, '/visit')));
    expect(replies.every((r) => r.status === 200 && r.body.views === 1)).toBe(true);
    const ids = jars.map((jar) => expressSessionId(jar.get('sid')));
    expect(new Set(ids).size).toBe(25);
    const stored = await Promise.all(ids.map((id) => api.get(id!, { touch: false })));
    expect(stored.every((s) => s?.data.views === 1)).toBe(true);
  });

  it('tells the developer when the reservation middleware is missing', () => {
    const bare = new TrellisStore({ baseUrl: sessions.url });
    expect(() => bare.genid()).toThrow(/reserveIds/);
  });
});
