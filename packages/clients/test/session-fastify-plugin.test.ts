import { freePort } from '@trellis/testkit';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionApi, trellisSessionPlugin } from '../src/session/index.js';
import { type RunningSessions, startSessionService } from './session-helpers.js';

async function buildWebApp(baseUrl: string, options: Record<string, unknown> = {}): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(trellisSessionPlugin, { baseUrl, ...options });
  app.get('/me', { preHandler: app.requireSession }, async (request) => ({
    userId: request.session!.userId,
    data: request.session!.data,
  }));
  app.get('/public', async (request) => ({ userId: request.session?.userId ?? null, presented: request.sessionId !== null }));
  app.post('/login', async (request) => {
    const { user } = request.body as { user: string };
    const session = await app.sessions.create({ userId: user, data: { role: 'member' } });
    return { sessionId: session.sessionId };
  });
  return app;
}

describe('Fastify session plugin', () => {
  let sessions: RunningSessions;
  let app: FastifyInstance;
  let api: SessionApi;
  beforeAll(async () => {
    sessions = await startSessionService();
    api = new SessionApi({ baseUrl: sessions.url });
    app = await buildWebApp(sessions.url);
  });
  afterAll(async () => {
    await app.close();
    await sessions.close();
  });

  it('attaches the session from the x-session-id header', async () => {
    const login = await app.inject({ method: 'POST', url: '/login', payload: { user: 'hedy' } });
    const { sessionId } = login.json();
    const me = await app.inject({ method: 'GET', url: '/me', headers: { 'x-session-id': sessionId } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual({ userId: 'hedy', data: { role: 'member' } });
    expect((await app.inject({ method: 'GET', url: '/public', headers: { 'x-session-id': sessionId } })).json()).toEqual({
      userId: 'hedy',
      presented: true,
    });
  });

  it('attaches the session from the sid cookie, without @fastify/cookie', async () => {
    const { sessionId } = (await app.inject({ method: 'POST', url: '/login', payload: { user: 'alan' } })).json();
    const me = await app.inject({ method: 'GET', url: '/me', headers: { cookie: `theme=dark; sid=${sessionId}; other=1` } });
    expect(me.statusCode).toBe(200);
    expect(me.json().userId).toBe('alan');
  });

  it('answers 401 problem+json without a session, or with an invalid or ended one', async () => {
    const missing = await app.inject({ method: 'GET', url: '/me' });
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 401, code: 'SESSION_REQUIRED' });

    for (const bad of ['garbage', 'A'.repeat(44), '../../etc/passwd']) {
      const reply = await app.inject({ method: 'GET', url: '/me', headers: { 'x-session-id': bad } });
      expect(reply.statusCode).toBe(401);
      expect(reply.json().code).toBe('SESSION_INVALID');
    }

    const { sessionId } = (await app.inject({ method: 'POST', url: '/login', payload: { user: 'ended' } })).json();
    await api.destroy(sessionId);
    const ended = await app.inject({ method: 'GET', url: '/me', headers: { cookie: `sid=${sessionId}` } });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().code).toBe('SESSION_INVALID');
    // Routes without requireSession still run, with no session.
    expect((await app.inject({ method: 'GET', url: '/public' })).json()).toEqual({ userId: null, presented: false });
  });

  it('slides the idle expiry on use', async () => {
    const created = await api.create({ userId: 'slider', idleTtlSeconds: 60 });
    // session-svc slides at most once per SESSION_TOUCH_INTERVAL_MS (1 s by default).
    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await app.inject({ method: 'GET', url: '/me', headers: { 'x-session-id': created.sessionId } });
    const after = await api.get(created.sessionId, { touch: false });
    expect(Date.parse(after!.idleExpiresAt)).toBeGreaterThan(Date.parse(created.idleExpiresAt));
  });

  it('loads only where required with load: "require", and reads a custom header and cookie', async () => {
    const custom = await buildWebApp(sessions.url, { load: 'require', header: 'x-auth-session', cookie: 'app_session' });
    try {
      const created = await api.create({ userId: 'lazy' });
      const open = await custom.inject({ method: 'GET', url: '/public', headers: { 'x-auth-session': created.sessionId } });
      expect(open.json()).toEqual({ userId: null, presented: true }); // not loaded there
      expect((await custom.inject({ method: 'GET', url: '/me', headers: { 'x-auth-session': created.sessionId } })).statusCode).toBe(200);
      expect((await custom.inject({ method: 'GET', url: '/me', headers: { cookie: `app_session=${created.sessionId}` } })).statusCode).toBe(200);
      expect((await custom.inject({ method: 'GET', url: '/me', headers: { 'x-session-id': created.sessionId } })).statusCode).toBe(401);
    } finally {
      await custom.close();
    }
  });

  it('answers 503, not 401, while session-svc is unreachable', async () => {
    const down = await buildWebApp(`http://127.0.0.1:${await freePort()}`);
    try {
      const reply = await down.inject({ method: 'GET', url: '/me', headers: { 'x-session-id': 'B'.repeat(44) } });
      expect(reply.statusCode).toBe(503);
      expect(reply.headers['retry-after']).toBe('1');
      expect(reply.json().code).toBe('SESSION_SERVICE_UNAVAILABLE');
      // Without an id there is nothing to check: still a plain 401.
      expect((await down.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
    } finally {
      await down.close();
    }
  });
});
