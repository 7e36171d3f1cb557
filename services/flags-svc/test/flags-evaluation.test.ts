import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, sleep, startTestFlags, type TestFlags, testEnv } from './helpers.js';

describe('evaluation', () => {
  const env = testEnv();
  let a: TestFlags;
  let b: TestFlags;
  beforeAll(async () => {
    // Two replicas over one Redis.
    [a, b] = await Promise.all([startTestFlags(env), startTestFlags(env)]);
    await call(a.url, 'PUT', '/v1/flags/rollout', {
      body: { enabled: true, strategies: [{ name: 'percentage', percentage: 10 }] },
    });
    await call(a.url, 'PUT', '/v1/flags/banner', {
      body: {
        enabled: true,
        strategies: [{ name: 'default' }],
        variants: [
          { name: 'blue', weight: 500, payload: { type: 'string', value: 'blue' } },
          { name: 'red', weight: 500, payload: { type: 'json', value: '{"color":"red"}' }, overrides: [{ contextName: 'userId', values: ['vip'] }] },
        ],
      },
    });
    await call(a.url, 'PUT', '/v1/flags/beta', {
      body: { enabled: true, strategies: [{ name: 'group', groups: ['beta'] }] },
    });
    await call(a.url, 'PUT', '/v1/flags/off', { body: { enabled: false, strategies: [] } });
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('enables a 10% rollout for 10% ± 0.5% of 100,000 user ids, the same answer every time and on every replica', async () => {
    const enabled = (svc: TestFlags, userId: string) =>
      svc.app.flags.evaluate('default', 'rollout', { targetingKey: userId }).then((r) => r.flags[0]!.value === true);
    let on = 0;
    const answers: boolean[] = [];
    for (let i = 0; i < 100_000; i += 1) {
      const answer = await enabled(a, `user-${i}`);
      answers.push(answer);
      if (answer) on += 1;
    }
    expect(on / 100_000).toBeGreaterThanOrEqual(0.095);
    expect(on / 100_000).toBeLessThanOrEqual(0.105);
    for (let i = 0; i < 100_000; i += 97) {
      expect(await enabled(a, `user-${i}`)).toBe(answers[i]);
      expect(await enabled(b, `user-${i}`)).toBe(answers[i]);
    }
    // Over HTTP too: the OFREP endpoint says what the service says.
    for (let i = 0; i < 300; i += 1) {
      const response = await call(b.url, 'POST', '/ofrep/v1/evaluate/flags/rollout', { body: { context: { targetingKey: `user-${i}` } } });
      expect(response.body.value).toBe(answers[i]);
    }
  });

  it('answers value, variant, reason in OpenFeature vocabulary', async () => {
    const all = await call(a.url, 'POST', '/v1/evaluate', { body: { context: { targetingKey: 'u1', groups: ['beta'] } } });
    expect(all.status).toBe(200);
    const byKey = Object.fromEntries(all.body.flags.map((f: { key: string }) => [f.key, f]));
    expect(Object.keys(byKey)).toEqual(['banner', 'beta', 'off', 'rollout']);
    expect(byKey.beta).toMatchObject({ value: true, enabled: true, reason: 'TARGETING_MATCH', variant: 'on' });
    expect(byKey.off).toMatchObject({ value: false, enabled: false, reason: 'DISABLED', variant: 'off' });
    expect(['blue', 'red']).toContain(byKey.banner.variant);
    expect(byKey.banner.reason).toBe('SPLIT');

    const vip = await call(a.url, 'POST', '/v1/evaluate', { body: { flag: 'banner', context: { targetingKey: 'vip' } } });
    expect(vip.body.flags[0]).toMatchObject({ value: { color: 'red' }, variant: 'red', reason: 'TARGETING_MATCH' });

    const missing = await call(a.url, 'POST', '/v1/evaluate', { body: { flag: 'nope', context: {} } });
    expect(missing.body.flags[0]).toMatchObject({ key: 'nope', reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND', value: false });
    expectProblem(await call(a.url, 'POST', '/v1/evaluate', { body: { context: { targetingKey: 7 } } }), 400, 'INVALID_CONTEXT');
    expectProblem(await call(a.url, 'POST', '/v1/evaluate', { body: { context: 'me' } }), 400, 'VALIDATION_FAILED');
  });

  it('speaks OFREP: success, FLAG_NOT_FOUND, INVALID_CONTEXT, PARSE_ERROR', async () => {
    const ok = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/beta', { body: { context: { targetingKey: 'u', groups: 'beta' } } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^application\/json/);
    expect(ok.body).toEqual({ key: 'beta', value: true, reason: 'TARGETING_MATCH', variant: 'on', metadata: { type: 'release', environment: 'default' } });

    const notFound = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/nope', { body: { context: {} } });
    expectProblem(notFound, 404, 'FLAG_NOT_FOUND');
    expect(notFound.body).toMatchObject({ key: 'nope', errorCode: 'FLAG_NOT_FOUND', errorDetails: expect.any(String) });

    const badContext = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/beta', { body: { context: [1, 2] } });
    expectProblem(badContext, 400, 'INVALID_CONTEXT');
    expect(badContext.body).toMatchObject({ key: 'beta', errorCode: 'INVALID_CONTEXT' });

    const badKey = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/beta', { body: { context: { targetingKey: 1 } } });
    expect(badKey.body).toMatchObject({ key: 'beta', errorCode: 'INVALID_CONTEXT' });

    const parse = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/beta', { raw: '{"context": {', headers: { 'content-type': 'application/json' } });
    expectProblem(parse, 400, 'PARSE_ERROR');
    expect(parse.body).toMatchObject({ key: 'beta', errorCode: 'PARSE_ERROR' });
    const deep = `{"context": {"targetingKey": "u", "a": ${'['.repeat(5_000)}${']'.repeat(5_000)}}}`;
    const tooDeep = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/beta', { raw: deep, headers: { 'content-type': 'application/json' } });
    expectProblem(tooDeep, 400, 'PARSE_ERROR');
    expect(tooDeep.body).toMatchObject({ key: 'beta', errorCode: 'PARSE_ERROR' });
    // The environment header is documented with the pattern it is checked against.
    const badEnvironment = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/beta', {
      body: { context: { targetingKey: 'u' } },
      headers: { 'x-trellis-environment': 'a*b' },
    });
    expect(badEnvironment.status).toBe(400);

    const bulkBad = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags', { body: { context: 'x' } });
    expectProblem(bulkBad, 400, 'INVALID_CONTEXT');
    expect(bulkBad.body.errorCode).toBe('INVALID_CONTEXT');

    const config = await call(a.url, 'GET', '/ofrep/v1/configuration');
    expect(config.body.capabilities.flagEvaluation.supportedTypes).toContain('boolean');
  });

  it('answers bulk evaluation with an ETag, and 304 while nothing changed', async () => {
    const body = { context: { targetingKey: 'bulk-user' } };
    const first = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags', { body });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(first.body.flags.map((f: { key: string }) => f.key)).toEqual(['banner', 'beta', 'off', 'rollout']);
    // Any replica gives the same ETag for the same answer.
    const again = await call(b.url, 'POST', '/ofrep/v1/evaluate/flags', { body, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBeNull();

    await call(a.url, 'POST', '/v1/flags/off/enable');
    const changed = await call(a.url, 'POST', '/ofrep/v1/evaluate/flags', { body, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    await call(a.url, 'POST', '/v1/flags/off/disable');
  });

  it('makes a write visible to evaluation on every replica within milliseconds', async () => {
    await b.app.flags.evaluate('default', 'live', {});
    await call(a.url, 'PUT', '/v1/flags/live', { body: { enabled: true, strategies: [] } });
    // Read-your-writes on the replica that took the write.
    expect((await call(a.url, 'POST', '/ofrep/v1/evaluate/flags/live', { body: {} })).body.value).toBe(true);
    const started = Date.now();
    for (;;) {
      const response = await call(b.url, 'POST', '/ofrep/v1/evaluate/flags/live', { body: {} });
      if (response.status === 200 && response.body.value === true) break;
      if (Date.now() - started > 10_000) throw new Error('the write never reached replica b');
      await sleep(2);
    }
  });

  it('evaluates without a Redis round trip once the environment is loaded', async () => {
    await b.app.flags.evaluate('default', undefined, {});
    const redis = b.deps.redis as unknown as { sendCommand: (...args: unknown[]) => unknown };
    const original = redis.sendCommand;
    let commands = 0;
    redis.sendCommand = function (this: unknown, ...args: unknown[]) {
      commands += 1;
      return original.apply(this, args);
    };
    try {
      for (let i = 0; i < 200; i += 1) {
        await call(b.url, 'POST', '/ofrep/v1/evaluate/flags/rollout', { body: { context: { targetingKey: `u${i}` } } });
        await call(b.url, 'POST', '/v1/evaluate', { body: { context: { targetingKey: `u${i}` } } });
      }
      await call(b.url, 'POST', '/ofrep/v1/evaluate/flags', { body: { context: {} } });
      expect(commands).toBe(0);
      // The counter does see Redis traffic: an admin read goes to Redis.
      await call(b.url, 'GET', '/v1/flags/rollout');
      expect(commands).toBeGreaterThan(0);
    } finally {
      redis.sendCommand = original;
    }
  });
});
