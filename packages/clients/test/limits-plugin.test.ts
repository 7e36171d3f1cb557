import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeySubject, ipSubject } from '../src/limits/index.js';
import { definePolicy, protectedApp, type RunningLimitsSvc, startLimitsSvc } from './limits-helpers.js';

describe('subject keys', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(ipSubject('203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipSubject('::ffff:203.0.113.7')).toBe('ip:203.0.113.7');
    expect(ipSubject('2001:db8:1:2::1')).toBe('ip6:2001:db8:1:2::/64');
    expect(ipSubject('2001:0db8:0001:0002:ffff:eeee:dddd:cccc')).toBe('ip6:2001:db8:1:2::/64');
    expect(ipSubject('2001:db8:1:3::1')).toBe('ip6:2001:db8:1:3::/64');
    expect(ipSubject('fe80::1%eth0')).toBe('ip6:fe80::/64');
  });

  it('never sends an API key itself', () => {
    const subject = apiKeySubject('sk_live_very_secret_value');
    expect(subject).toMatch(/^apikey:[\w-]{32}$/);
    expect(subject).not.toContain('secret');
    expect(apiKeySubject('other-key')).not.toBe(subject);
  });
});

describe('rate-limit plugin against a real limits-svc', () => {
  let svc: RunningLimitsSvc;
  const apps: FastifyInstance[] = [];
  const make = async (options: Parameters<typeof protectedApp>[0]) => {
    const app = await protectedApp(options);
    apps.push(app);
    return app;
  };
  beforeAll(async () => {
    svc = await startLimitsSvc();
    await definePolicy(svc.url, 'per-ip', { algorithm: 'fixed-window', limit: 3, windowSeconds: 3600 });
    await definePolicy(svc.url, 'per-user', { algorithm: 'sliding-log', limit: 2, windowSeconds: 60 });
    await definePolicy(svc.url, 'per-key', { algorithm: 'gcra', limit: 2, windowSeconds: 3600 });
    await definePolicy(svc.url, 'burst', { algorithm: 'token-bucket', limit: 100, windowSeconds: 3600 });
    await definePolicy(svc.url, 'daily', { algorithm: 'fixed-window', limit: 2, windowSeconds: 86_400 });
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await svc?.close();
  });

  it('admits with RateLimit headers, then answers 429 problem+json with Retry-After', async () => {
    const app = await make({ baseUrl: svc.url, policies: 'per-ip' });
    const from = (remoteAddress: string) => app.inject({ method: 'GET', url: '/hello', remoteAddress });
    for (let i = 0; i < 3; i += 1) {
      const ok = await from('198.51.100.1');
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ ok: true, remaining: 2 - i });
      expect(ok.headers['ratelimit-policy']).toBe('"per-ip";q=3;w=3600');
      expect(ok.headers.ratelimit).toMatch(new RegExp(`^"per-ip";r=${2 - i};t=\\d+$`));
      expect(ok.headers['retry-after']).toBeUndefined();
    }
    const denied = await from('198.51.100.1');
    expect(denied.statusCode).toBe(429);
    expect(denied.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(denied.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED', policy: 'per-ip', instance: '/hello' });
    expect(Number(denied.headers['retry-after'])).toBeGreaterThan(0);
    expect(denied.headers.ratelimit).toMatch(/^"per-ip";r=0;/);
    // Another address has its own allowance.
    expect((await from('198.51.100.2')).statusCode).toBe(200);
  });

  it('groups IPv6 clients by /64', async () => {
    const app = await make({ baseUrl: svc.url, policies: 'per-ip' });
    const from = (remoteAddress: string) => app.inject({ method: 'GET', url: '/hello', remoteAddress });
    expect((await from('2001:db8:aa:1::1')).statusCode).toBe(200);
    expect((await from('2001:db8:aa:1::2')).statusCode).toBe(200);
    expect((await from('2001:db8:aa:1:ffff:ffff:ffff:ffff')).statusCode).toBe(200);
    expect((await from('2001:db8:aa:1:1234::9')).statusCode).toBe(429);
    expect((await from('2001:db8:aa:2::1')).statusCode).toBe(200);
  });

  it('limits by user, falling back to the address for anonymous requests', async () => {
    const app = await make({
      baseUrl: svc.url,
      policies: 'per-user',
      keyBy: 'user',
      user: (request) => (request.headers['x-user'] as string | undefined) ?? undefined,
    });
    const as = (user: string | undefined, remoteAddress = '192.0.2.10') =>
      app.inject({ method: 'GET', url: '/hello', remoteAddress, headers: user ? { 'x-user': user } : {} });
    expect((await as('alice', '192.0.2.1')).statusCode).toBe(200);
    expect((await as('alice', '192.0.2.2')).statusCode).toBe(200);
    expect((await as('alice', '192.0.2.3')).statusCode).toBe(429);
    expect((await as('bob')).statusCode).toBe(200);
    expect((await as(undefined)).statusCode).toBe(200);
    expect((await as(undefined)).statusCode).toBe(200);
    expect((await as(undefined)).statusCode).toBe(429);
  });

  it('limits by API key (x-api-key or bearer), hashed', async () => {
    const app = await make({ baseUrl: svc.url, policies: 'per-key', keyBy: 'apiKey' });
    const withKey = (headers: Record<string, string>) => app.inject({ method: 'GET', url: '/hello', headers });
    expect((await withKey({ 'x-api-key': 'key-one-0123456789' })).statusCode).toBe(200);
    expect((await withKey({ authorization: 'Bearer key-one-0123456789' })).statusCode).toBe(200);
    expect((await withKey({ 'x-api-key': 'key-one-0123456789' })).statusCode).toBe(429);
    expect((await withKey({ 'x-api-key': 'key-two-0123456789' })).statusCode).toBe(200);
  });

  it('checks several policies in one atomic call and names the one that denied', async () => {
    const app = await make({ baseUrl: svc.url, policies: ['burst', 'daily'], keyBy: () => 'tenant:t1' });
    expect((await app.inject({ method: 'GET', url: '/hello' })).statusCode).toBe(200);
    const second = await app.inject({ method: 'GET', url: '/hello' });
    expect(second.headers['ratelimit-policy']).toBe('"burst";q=100;w=3600, "daily";q=2;w=86400');
    const denied = await app.inject({ method: 'GET', url: '/hello' });
    expect(denied.statusCode).toBe(429);
    expect(denied.json().policy).toBe('daily');
    const peek = await fetch(`${svc.url}/v1/policies/burst/usage?key=tenant:t1`);
    expect(((await peek.json()) as { remaining: number }).remaining).toBe(98);
  });

  it('honours skip and cost', async () => {
    await definePolicy(svc.url, 'costly', { algorithm: 'sliding-window', limit: 10, windowSeconds: 3600 });
    const app = await make({
      baseUrl: svc.url,
      policies: 'costly',
      keyBy: () => 'cost-test',
      cost: (request) => (request.url.includes('big') ? 6 : 1),
      skip: (request) => request.url.startsWith('/hello?probe'),
    });
    for (let i = 0; i < 5; i += 1) expect((await app.inject({ method: 'GET', url: '/hello?probe=1' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/hello?big=1' })).json().remaining).toBe(4);
    expect((await app.inject({ method: 'GET', url: '/hello?big=1' })).statusCode).toBe(429);
    expect((await app.inject({ method: 'GET', url: '/hello' })).json().remaining).toBe(3);
  });
});
