import net from 'node:net';
import { waitUntilReady } from '@trellis/redis-core';
import { freePort } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServiceDeps, createServiceDeps, jsonDeeperThan, type ServiceDeps, type TrellisApp } from '../src/index.js';
import { buildDemoApp } from './demo-app.js';
import { testBaseConfig } from './helpers.js';

const ADMIN = 'ops:admin-key-0123456789:admin';
const READER = 'dash:reader-key-0123456789:read';

describe('service spine', () => {
  let app: TrellisApp;
  let deps: ServiceDeps;

  beforeAll(async () => {
    const config = testBaseConfig({ BODY_LIMIT_BYTES: '2048' });
    deps = createServiceDeps(config);
    app = await buildDemoApp(config, deps);
    // The client connects in the background; on a loaded machine the first test can come first.
    expect(await waitUntilReady(deps.redis, 10_000)).toBe(true);
  });
  afterAll(async () => {
    await app.close();
    await closeServiceDeps(deps);
  });

  it('answers a valid request and echoes the request id', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/greetings',
      payload: { name: 'ada' },
      headers: { 'x-request-id': 'req-123' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ name: 'ada', message: 'hello ada' });
    expect(response.headers['x-request-id']).toBe('req-123');
  });

  it('generates a request id when the given one is unsafe', async () => {
    const response = await app.inject({ method: 'GET', url: '/livez', headers: { 'x-request-id': 'bad id\n' } });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it.each([
    ['a missing field', {}, /body\/name/],
    ['an unknown field', { name: 'x', extra: 1 }, /extra/],
    ['a too long string', { name: 'x'.repeat(17) }, /body\/name/],
    ['a wrong type', { name: 5 }, /body\/name/],
  ])('answers %s with 400 problem+json', async (_what, payload, detail) => {
    const response = await app.inject({ method: 'POST', url: '/v1/greetings', payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', instance: '/v1/greetings' });
    expect(problem.detail).toMatch(detail);
    expect(problem.errors.length).toBeGreaterThan(0);
  });

  it('answers malformed JSON, oversized bodies and unknown routes with problems', async () => {
    const broken = await app.inject({
      method: 'POST',
      url: '/v1/greetings',
      payload: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().code).toBe('INVALID_JSON');

    const large = await app.inject({
      method: 'POST',
      url: '/v1/greetings',
      payload: JSON.stringify({ name: 'x'.repeat(4096) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(large.statusCode).toBe(413);
    expect(large.headers['content-type']).toMatch(/problem\+json/);

    const text = await app.inject({ method: 'POST', url: '/v1/greetings', payload: 'hi', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode, text.body).toBe(415);

    const missing = await app.inject({ method: 'GET', url: '/v1/nothing' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers a path the router refuses (bad percent-encoding, a parameter too long) with problems', async () => {
    const encoding = await app.inject({ method: 'GET', url: '/v1/greetings/%zz' });
    expect(encoding.statusCode).toBe(400);
    expect(encoding.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(encoding.json()).toMatchObject({ status: 400, code: 'INVALID_URL', title: 'Bad Request', instance: '/v1/greetings/%zz' });
    const long = await app.inject({ method: 'GET', url: `/v1/greetings/${'p'.repeat(1_100)}` });
    expect(long.statusCode).toBe(414);
    expect(long.json()).toMatchObject({ status: 414, code: 'URI_TOO_LONG', title: 'URI Too Long' });
  });

  it('refuses JSON nested deeper than the limit with a 400, before any code walks it', async () => {
    const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    // (This app's body limit is 2 KiB.)
    const tooDeep = await app.inject({ method: 'POST', url: '/v1/echo', payload: '['.repeat(1_000) + ']'.repeat(1_000), headers: { 'content-type': 'application/json' } });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json()).toMatchObject({ status: 400, code: 'JSON_TOO_DEEP' });
    const arrays = await app.inject({ method: 'POST', url: '/v1/echo', payload: '['.repeat(65) + ']'.repeat(65), headers: { 'content-type': 'application/json' } });
    expect(arrays.json().code).toBe('JSON_TOO_DEEP');
    // 64 levels pass, and brackets inside strings do not count.
    const limit = await app.inject({ method: 'POST', url: '/v1/echo', payload: deep(64), headers: { 'content-type': 'application/json' } });
    expect(limit.statusCode).toBe(200);
    const text = await app.inject({ method: 'POST', url: '/v1/echo', payload: { a: '{['.repeat(500), b: '\\"[[' }, headers: { 'content-type': 'application/json' } });
    expect(text.statusCode).toBe(200);
    expect(jsonDeeperThan('{"a":"\\"["}', 1)).toBe(false);
    expect(jsonDeeperThan('{"a":"\\\\",b:[]}', 1)).toBe(true);
  });

  it('answers HEAD on a watch with the headers, without starting a stream', async () => {
    const head = await app.inject({ method: 'HEAD', url: '/v1/watch' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(head.body).toBe('');
  });

  it('answers a request the HTTP parser refuses (headers too large, malformed) with a problem and closes', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(address);
    const exchange = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), '127.0.0.1', () => socket.end(request));
        let answer = '';
        socket.on('data', (chunk) => {
          answer += chunk.toString('latin1');
        });
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const large = await exchange(`GET /livez HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(20_000)}\r\n\r\n`);
    expect(large).toMatch(/^HTTP\/1\.1 431 /);
    expect(large).toMatch(/content-type: application\/problem\+json/i);
    expect(large).toMatch(/connection: close/i);
    const body = JSON.parse(large.slice(large.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ status: 431, code: 'HEADERS_TOO_LARGE', title: 'Request Header Fields Too Large' });
    const malformed = await exchange('GET /livez HTTP/1.1\r\nHo st: x\r\n\r\n');
    expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(malformed.slice(malformed.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
  });

  it('renders thrown HttpProblems and hides bugs behind a logged 500', async () => {
    const conflict = await app.inject({ method: 'POST', url: '/v1/greetings', payload: { name: 'taken' } });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toMatchObject({ code: 'CONFLICT', detail: 'name taken', title: 'Conflict' });
    const bug = await app.inject({ method: 'GET', url: '/v1/boom' });
    expect(bug.statusCode).toBe(500);
    expect(bug.json().detail).not.toContain('bug');
  });

  it('publishes OpenAPI with shared schemas under components.schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'Greeting']));
    const operation = document.paths['/v1/greetings'].post;
    expect(operation.operationId).toBe('greet');
    expect(JSON.stringify(operation.responses['200'])).toContain('#/components/schemas/Greeting');
    expect(JSON.stringify(operation.responses['409'])).toContain('#/components/schemas/Problem');
    expect((await app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('exposes probes, health+json and Prometheus metrics', async () => {
    expect((await app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'pass', redis: 'up' });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.headers['content-type']).toMatch(/^application\/health\+json/);
    expect(health.json()).toMatchObject({ status: 'pass', releaseId: '1.2.3', checks: { 'redis:responseTime': [{ status: 'pass' }] } });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/http_request_duration_seconds_bucket\{.*route="\/v1\/greetings".*status_code="200"/);
    expect(metrics.body).toContain('redis_errors_total');
  });
});

describe('API keys', () => {
  let app: TrellisApp;
  let deps: ServiceDeps;
  beforeAll(async () => {
    const config = testBaseConfig({ TRELLIS_API_KEYS: `${ADMIN},${READER}` });
    deps = createServiceDeps(config);
    app = await buildDemoApp(config, deps);
    expect(await waitUntilReady(deps.redis, 10_000)).toBe(true);
  });
  afterAll(async () => {
    await app.close();
    await closeServiceDeps(deps);
  });

  it('requires a bearer key, checks its scope, and leaves probes and docs open', async () => {
    const anonymous = await app.inject({ method: 'POST', url: '/v1/greetings', payload: { name: 'a' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toBe('Bearer');
    const wrong = await app.inject({ method: 'GET', url: '/v1/admin-only', headers: { authorization: 'Bearer nope-nope-nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    const reader = { authorization: 'Bearer reader-key-0123456789' };
    expect((await app.inject({ method: 'POST', url: '/v1/greetings', payload: { name: 'a' }, headers: reader })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/admin-only', headers: reader })).statusCode).toBe(403);
    const admin = { authorization: 'Bearer admin-key-0123456789' };
    expect((await app.inject({ method: 'GET', url: '/v1/admin-only', headers: admin })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/v1/greetings', payload: { name: 'a' }, headers: admin })).statusCode).toBe(200);
    for (const url of ['/livez', '/readyz', '/health', '/metrics', '/openapi.json', '/docs']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBeLessThan(400);
    }
  });

  it('refuses malformed key configuration with a clear message', () => {
    expect(() => testBaseConfig({ TRELLIS_API_KEYS: 'short:abc:read' })).toThrow(/at least 16/);
    expect(() => testBaseConfig({ TRELLIS_API_KEYS: 'x:0123456789abcdefg:root' })).toThrow(/unknown scope root/);
  });
});

describe('when Redis is unreachable', () => {
  it('answers 503 problem+json with Retry-After within a second, and /readyz fails', async () => {
    const config = testBaseConfig({ REDIS_URL: `redis://127.0.0.1:${await freePort()}`, REDIS_CLUSTER_NODES: '' });
    const deps = createServiceDeps(config);
    const app = await buildDemoApp(config, deps);
    const started = Date.now();
    const response = await app.inject({ method: 'POST', url: '/v1/greetings', payload: { name: 'a' } });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'REDIS_UNAVAILABLE', status: 503 });
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(503);
    expect((await app.inject({ method: 'GET', url: '/livez' })).statusCode).toBe(200);
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toMatch(/redis_errors_total\{kind="unavailable",service="demo-svc"\} 1/);
    await app.close();
    await closeServiceDeps(deps);
  });

  it('logs a route\'s expected error statuses at its access level, other failures at info', async () => {
    const config = testBaseConfig({ LOG_LEVEL: 'debug' });
    const quietDeps = createServiceDeps(config);
    const lines: { level: number; msg: string; reqId?: string; res?: { statusCode: number } }[] = [];
    const logStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const quiet = await buildDemoApp(config, quietDeps, { logStream });
    quiet.get(
      '/v1/decisions/:status',
      { config: { accessLog: 'debug', expectedStatuses: [429] } },
      async (request, reply) => reply.code(Number((request.params as { status: string }).status)).send({}),
    );
    for (const status of [200, 429, 404]) {
      await quiet.inject({ method: 'GET', url: `/v1/decisions/${status}`, headers: { 'x-request-id': `decision-${status}` } });
    }
    const access = lines.filter((line) => line.msg === 'request completed');
    expect(access.map((line) => [line.res?.statusCode, line.level, line.reqId])).toEqual([
      [200, 20, 'decision-200'],
      [429, 20, 'decision-429'],
      [404, 30, 'decision-404'],
    ]);
    await quiet.close();
    await closeServiceDeps(quietDeps);
  });

  it('binds the request id to what a request logs itself, and only what is enabled is written', async () => {
    const config = testBaseConfig({ LOG_LEVEL: 'info' });
    const ownDeps = createServiceDeps(config);
    const lines: Record<string, unknown>[] = [];
    const logStream = { write: (line: string) => void lines.push(JSON.parse(line)) };
    const own = await buildDemoApp(config, ownDeps, { logStream });
    own.get('/v1/chatty', async (request) => {
      request.log.debug({ step: 'hidden' }, 'below the level');
      request.log.info({ step: 'shown' }, 'at the level');
      request.log.child({ part: 'inner' }).warn('from a child');
      return {};
    });
    await own.inject({ method: 'GET', url: '/v1/chatty', headers: { 'x-request-id': 'chatty-1' } });
    const written = lines.filter((line) => line.reqId === 'chatty-1').map(({ msg, level, step, part }) => ({ msg, level, step, part }));
    expect(written).toEqual([
      { msg: 'at the level', level: 30, step: 'shown', part: undefined },
      { msg: 'from a child', level: 40, step: undefined, part: 'inner' },
      { msg: 'request completed', level: 30, step: undefined, part: undefined },
    ]);
    expect(lines.every((line) => line.service === config.serviceName)).toBe(true);
    await own.close();
    await closeServiceDeps(ownDeps);
  });
});
