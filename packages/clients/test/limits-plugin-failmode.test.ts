import { freePort } from '@trellis/testkit';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePolicy, protectedApp, type RunningLimitsSvc, startLimitsSvc } from './limits-helpers.js';

describe('rate-limit plugin when limits-svc is unreachable', () => {
  let svc: RunningLimitsSvc;
  let openApp: FastifyInstance;
  let closedApp: FastifyInstance;
  beforeAll(async () => {
    svc = await startLimitsSvc();
    await definePolicy(svc.url, 'lenient', { algorithm: 'gcra', limit: 100, windowSeconds: 60, failMode: 'open' });
    await definePolicy(svc.url, 'strict', { algorithm: 'gcra', limit: 100, windowSeconds: 60, failMode: 'closed' });
    // Both learn their policy's failMode at start (the fallback says the opposite).
    openApp = await protectedApp({ baseUrl: svc.url, policies: 'lenient', failMode: 'closed', timeoutMs: 500 });
    closedApp = await protectedApp({ baseUrl: svc.url, policies: 'strict', failMode: 'open', timeoutMs: 500 });
  });
  afterAll(async () => {
    await Promise.all([openApp?.close(), closedApp?.close()]);
    await svc?.close();
  });

  it('follows each policy\'s failMode once limits-svc is gone', async () => {
    expect((await openApp.inject({ method: 'GET', url: '/hello' })).statusCode).toBe(200);
    expect((await closedApp.inject({ method: 'GET', url: '/hello' })).statusCode).toBe(200);
    await svc.close();

    const open = await openApp.inject({ method: 'GET', url: '/hello' });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toEqual({ ok: true, remaining: null });

    const closed = await closedApp.inject({ method: 'GET', url: '/hello' });
    expect(closed.statusCode).toBe(503);
    expect(closed.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(closed.json()).toMatchObject({ code: 'RATE_LIMIT_UNAVAILABLE', status: 503 });
    expect(closed.headers['retry-after']).toBe('1');
  });

  it('uses the configured fallback when it never reached limits-svc', async () => {
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const fallbackOpen = await protectedApp({ baseUrl: nowhere, policies: 'p', timeoutMs: 300 });
    const fallbackClosed = await protectedApp({ baseUrl: nowhere, policies: 'p', failMode: 'closed', timeoutMs: 300 });
    try {
      expect((await fallbackOpen.inject({ method: 'GET', url: '/hello' })).statusCode).toBe(200);
      expect((await fallbackClosed.inject({ method: 'GET', url: '/hello' })).statusCode).toBe(503);
    } finally {
      await Promise.all([fallbackOpen.close(), fallbackClosed.close()]);
    }
  });
});
