import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthEvent, HealthEventPage, InstanceHealth } from '../src/schemas.js';
import { instanceHealth, json, putSettings, readSse, serviceHealth, startTestHealth, type TestHealth, testEnv } from './helpers.js';

let health: TestHealth;
let url: string;

beforeAll(async () => {
  // No registry: these tests create health records through the store, as the checker would.
  health = await startTestHealth(testEnv(), { checker: false });
  url = health.url;
});
afterAll(async () => {
  await health?.close();
});

async function push(service: string, instanceId: string, status: 'pass' | 'warn' | 'fail', output?: string) {
  const response = await fetch(`${url}/v1/checks/${service}/${instanceId}/ttl`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(output === undefined ? { status } : { status, output }),
  });
  return { code: response.status, body: await json<InstanceHealth & { code?: string }>(response) };
}

async function events(service: string, afterRevision: number): Promise<HealthEventPage> {
  return json<HealthEventPage>(await fetch(`${url}/v1/health/services/${service}/watch?afterRevision=${afterRevision}&timeoutSeconds=0`));
}

const ttlSettings = {
  type: 'ttl',
  intervalMs: 3_600_000,
  timeoutMs: 1_000,
  successBeforePassing: 2,
  failuresBeforeWarning: 1,
  failuresBeforeCritical: 2,
  flapThreshold: 0,
};

describe('check settings', () => {
  it('answer the deployment defaults until set, then what was PUT (missing fields defaulted), with an ETag', async () => {
    const initial = await fetch(`${url}/v1/health/services/settings-a/check`);
    expect(initial.status).toBe(200);
    expect(initial.headers.get('etag')).toBe('"0"');
    expect(await initial.json()).toMatchObject({
      service: 'settings-a',
      type: 'http',
      intervalMs: 10_000,
      failuresBeforeCritical: 3,
      deregisterCriticalAfterMs: null,
      version: 0,
      updatedAt: null,
    });

    const put = await fetch(`${url}/v1/health/services/settings-a/check`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': '"0"' },
      body: JSON.stringify({ type: 'tcp', intervalMs: 2_000, timeoutMs: 500, deregisterCriticalAfterMs: 60_000 }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"1"');
    const stored = await json<{ updatedAt: string }>(put);
    expect(stored).toMatchObject({ type: 'tcp', intervalMs: 2_000, timeoutMs: 500, successBeforePassing: 1, deregisterCriticalAfterMs: 60_000, version: 1 });
    expect(Date.parse(stored.updatedAt)).toBeGreaterThan(0);
  });

  it('refuse a stale If-Match with 412 and the current ETag; exactly one of many concurrent conditional PUTs wins', async () => {
    const stale = await fetch(`${url}/v1/health/services/settings-b/check`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': '"7"' },
      body: JSON.stringify({}),
    });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await stale.json()).toMatchObject({ code: 'PRECONDITION_FAILED', currentETag: '"0"' });

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${url}/v1/health/services/settings-b/check`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'if-match': '"0"' },
          body: JSON.stringify({ intervalMs: 1_000 + i * 100, timeoutMs: 500 }),
        }).then(async (response) => {
          await response.body?.cancel();
          return response.status;
        }),
      ),
    );
    expect(answers.filter((code) => code === 200)).toHaveLength(1);
    expect(answers.filter((code) => code === 412)).toHaveLength(19);
    const page = await events('settings-b', 0);
    expect(page.events.map((event) => event.type)).toEqual(['check']);
    expect(page.events[0]!.data.check).toMatchObject({ service: 'settings-b', version: 1 });
  });

  it('reject inconsistent or malformed settings with 400 problem+json', async () => {
    const cases: [unknown, string][] = [
      [{ intervalMs: 1_000, timeoutMs: 1_000 }, 'INVALID_CHECK_SETTINGS'],
      [{ failuresBeforeWarning: 5, failuresBeforeCritical: 2 }, 'INVALID_CHECK_SETTINGS'],
      [{ type: 'icmp' }, 'VALIDATION_FAILED'],
      [{ intervalMs: '1000' }, 'VALIDATION_FAILED'],
      [{ intervalMs: 10 }, 'VALIDATION_FAILED'],
      [{ deregisterCriticalAfterMs: 5 }, 'VALIDATION_FAILED'],
      [{ surprise: true }, 'VALIDATION_FAILED'],
      [[], 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of cases) {
      const response = await fetch(`${url}/v1/health/services/settings-c/check`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await json<{ code: string }>(response)).code, JSON.stringify(body)).toBe(code);
    }
    const badIfMatch = await fetch(`${url}/v1/health/services/settings-c/check`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'if-match': 'yesterday' },
      body: '{}',
    });
    expect(badIfMatch.status).toBe(400);
    expect((await json<{ code: string }>(badIfMatch)).code).toBe('INVALID_IF_MATCH');
  });
});

describe('bad input', () => {
  it('answers 4xx problem+json, never a 500', async () => {
    const requests: [string, RequestInit | undefined, number][] = [
      ['/v1/health/services/Not_A_Name', undefined, 400],
      [`/v1/health/services/${'a'.repeat(64)}`, undefined, 400],
      ['/v1/health/services/web/instances/%20bad', undefined, 400],
      ['/v1/health/services/web?timeoutSeconds=600&afterRevision=1', undefined, 400],
      ['/v1/health/services/web?passing=perhaps', undefined, 400],
      ['/v1/health/services/web?unknown=1', undefined, 400],
      ['/v1/health/services/web/watch?afterRevision=-1', undefined, 400],
      ['/v1/health/services/web/instances/nobody', undefined, 404],
      ['/v1/checks/web/i-1/ttl', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"status":"ok"}' }, 400],
      ['/v1/checks/web/i-1/ttl', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"status":' }, 400],
      ['/v1/checks/web/i-1/ttl', { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'pass' }, 415],
      [
        '/v1/checks/web/i-1/ttl',
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ status: 'pass', output: 'x'.repeat(5_000) }) },
        400,
      ],
      ['/v1/checks/web/nobody/ttl', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"status":"pass"}' }, 404],
      [
        '/v1/health/services/web/instances/i-1/maintenance',
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"reason":"no enabled"}' },
        400,
      ],
      [
        '/v1/health/services/web/instances/nobody/maintenance',
        { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"enabled":true}' },
        404,
      ],
      ['/v1/health/services/web/watch', { headers: { 'last-event-id': 'abc' } }, 400],
      ['/v1/nothing-here', undefined, 404],
    ];
    for (const [path, init, status] of requests) {
      const response = await fetch(`${url}${path}`, init);
      expect(response.status, path).toBe(status);
      expect(response.headers.get('content-type'), path).toMatch(/application\/problem\+json/);
      const problem = await response.json();
      expect(problem, path).toMatchObject({ status, type: expect.any(String), title: expect.any(String), code: expect.any(String) });
    }
  });
});

describe('TTL checks, thresholds and events', () => {
  it('move status only after the streaks, and wake watchers only for status changes', async () => {
    const service = 'ttl-flow';
    await putSettings(url, service, ttlSettings);
    expect(await health.store.track(service, 'i-1', 1)).toBe(true);
    const start = (await events(service, 0)).revision;

    const initial = await instanceHealth(url, service, 'i-1');
    expect(initial).toMatchObject({ status: 'critical', checkStatus: 'critical', checkType: 'ttl', lastCheckAt: null, epoch: 1 });

    expect((await push(service, 'i-1', 'pass')).body).toMatchObject({ status: 'critical', streak: { successes: 1, failures: 0 } });
    const passing = (await push(service, 'i-1', 'pass', 'all good')).body;
    expect(passing).toMatchObject({ status: 'passing', output: 'all good', lastCheckedBy: 'ttl', streak: { successes: 2, failures: 0 } });
    expect(Date.parse(passing.lastTtlUpdateAt!)).toBeGreaterThan(0);
    // Output-only changes: stored, never an event.
    for (let i = 0; i < 5; i += 1) await push(service, 'i-1', 'pass', `still good ${i}`);
    expect((await instanceHealth(url, service, 'i-1'))!.output).toBe('still good 4');

    expect((await push(service, 'i-1', 'fail', 'disk full')).body).toMatchObject({ status: 'warning', streak: { successes: 0, failures: 1 } });
    const critical = (await push(service, 'i-1', 'fail', 'disk full')).body;
    expect(critical).toMatchObject({ status: 'critical', streak: { failures: 2 } });
    expect(critical.criticalSince).not.toBeNull();
    // A warn result counts as a success: after the streak the status is warning.
    await push(service, 'i-1', 'warn');
    expect((await push(service, 'i-1', 'warn', 'slow')).body).toMatchObject({ status: 'warning', criticalSince: null });

    const page = await events(service, start);
    expect(page.events.map((event) => [event.data.previousStatus, event.data.health?.status])).toEqual([
      ['critical', 'passing'],
      ['passing', 'warning'],
      ['warning', 'critical'],
      ['critical', 'warning'],
    ]);
    expect(page.events.every((event) => event.type === 'status')).toBe(true);
    // Revisions are consecutive: nothing else was appended.
    expect(page.events.map((event) => event.revision)).toEqual([start + 1, start + 2, start + 3, start + 4]);
  });

  it('refuse TTL updates for services checked another way (409)', async () => {
    await putSettings(url, 'ttl-wrong', { type: 'http', intervalMs: 60_000 });
    await health.store.track('ttl-wrong', 'i-1', 1);
    const answer = await push('ttl-wrong', 'i-1', 'pass');
    expect(answer.code).toBe(409);
    expect(answer.body.code).toBe('CHECK_TYPE_MISMATCH');
  });

  it('keep the output bounded', async () => {
    await putSettings(url, 'ttl-bounded', ttlSettings);
    await health.store.track('ttl-bounded', 'i-1', 1);
    const long = 'é'.repeat(2_048); // 4096 bytes, the limit
    expect((await push('ttl-bounded', 'i-1', 'pass', long)).body.output).toBe(long);
  });
});

describe('service health', () => {
  it('answers 200 / 429 / 503 for the worst instance, and ?passing keeps only passing ones', async () => {
    const service = 'aggregate';
    await putSettings(url, service, { ...ttlSettings, successBeforePassing: 1 });
    for (const id of ['a', 'b', 'c']) await health.store.track(service, id, 1);
    for (const id of ['a', 'b', 'c']) await push(service, id, 'pass');

    let answer = await serviceHealth(url, service);
    expect(answer.code).toBe(200);
    expect(answer.body).toMatchObject({ service, status: 'passing', counts: { passing: 3, warning: 0, critical: 0, maintenance: 0 } });
    expect(answer.body.instances.map((instance) => instance.instanceId)).toEqual(['a', 'b', 'c']);

    await push(service, 'b', 'warn');
    answer = await serviceHealth(url, service);
    expect(answer.code).toBe(429);
    expect(answer.body.status).toBe('warning');

    await push(service, 'c', 'fail');
    await push(service, 'c', 'fail');
    answer = await serviceHealth(url, service);
    expect(answer.code).toBe(503);
    expect(answer.body).toMatchObject({ status: 'critical', counts: { passing: 1, warning: 1, critical: 1 } });

    for (const query of ['?passing', '?passing=true']) {
      const passing = await serviceHealth(url, service, query);
      expect(passing.code).toBe(200);
      expect(passing.body.instances.map((instance) => instance.instanceId)).toEqual(['a']);
      expect(passing.body.counts).toMatchObject({ passing: 1, warning: 1, critical: 1 });
    }
    await push(service, 'a', 'fail');
    await push(service, 'a', 'fail');
    const none = await serviceHealth(url, service, '?passing');
    expect(none.code).toBe(503);
    expect(none.body).toMatchObject({ status: 'critical', instances: [] });
    expect((await serviceHealth(url, 'never-registered')).code).toBe(503);
  });

  it('blocks until the revision moves past afterRevision (a Consul-style blocking query)', async () => {
    const service = 'blocking';
    await putSettings(url, service, { ...ttlSettings, successBeforePassing: 1 });
    await health.store.track(service, 'a', 1);
    const { body } = await serviceHealth(url, service);
    const started = Date.now();
    const waiting = serviceHealth(url, service, `?afterRevision=${body.revision}&timeoutSeconds=20`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await push(service, 'a', 'pass');
    const answered = await waiting;
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(answered.code).toBe(200);
    expect(answered.body.revision).toBeGreaterThan(body.revision);
    expect(answered.body.instances[0]!.status).toBe('passing');
  });
});

describe('maintenance', () => {
  it('overrides the checks while on, with a reason; on and off are events, a new reason is not', async () => {
    const service = 'maint';
    await putSettings(url, service, { ...ttlSettings, successBeforePassing: 1 });
    await health.store.track(service, 'm-1', 1);
    await push(service, 'm-1', 'pass');
    const start = (await events(service, 0)).revision;

    const set = (body: unknown) =>
      fetch(`${url}/v1/health/services/${service}/instances/m-1/maintenance`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => json<InstanceHealth>(response));

    const on = await set({ enabled: true, reason: 'kernel upgrade' });
    expect(on).toMatchObject({ status: 'maintenance', checkStatus: 'passing', maintenance: { reason: 'kernel upgrade' } });
    expect((await set({ enabled: true, reason: 'kernel upgrade, take two' })).maintenance?.reason).toBe('kernel upgrade, take two');
    // Checks go on underneath.
    expect((await push(service, 'm-1', 'pass', 'fine')).body).toMatchObject({ status: 'maintenance', output: 'fine' });
    expect((await serviceHealth(url, service)).code).toBe(503);
    expect((await serviceHealth(url, service, '?passing')).body.instances).toEqual([]);

    const off = await set({ enabled: false });
    expect(off).toMatchObject({ status: 'passing', maintenance: null });
    const page = await events(service, start);
    expect(page.events.map((event) => [event.data.previousStatus, event.data.health?.status])).toEqual([
      ['passing', 'maintenance'],
      ['maintenance', 'passing'],
    ]);
  });
});

describe('flap detection', () => {
  it('marks a flapping instance, holds it at the worst status without waking watchers, and releases it once it settles', async () => {
    const service = 'flappy';
    await putSettings(url, service, {
      type: 'ttl',
      intervalMs: 3_600_000,
      timeoutMs: 1_000,
      successBeforePassing: 1,
      failuresBeforeWarning: 1,
      failuresBeforeCritical: 1,
      flapThreshold: 4,
      flapWindowChecks: 10,
    });
    await health.store.track(service, 'f-1', 1);
    await push(service, 'f-1', 'pass');
    const start = (await events(service, 0)).revision;

    // The first pass was transition 1 (critical -> passing); swings add one each: at 4, flapping.
    expect((await push(service, 'f-1', 'fail')).body.flapping).toBe(false);
    expect((await push(service, 'f-1', 'pass')).body.flapping).toBe(false);
    const flapping = (await push(service, 'f-1', 'fail')).body;
    expect(flapping).toMatchObject({ flapping: true, status: 'critical', checkStatus: 'critical', recentTransitions: 4 });
    // Held at the worst status seen while the checks swing back.
    expect((await push(service, 'f-1', 'pass')).body).toMatchObject({ flapping: true, status: 'critical', checkStatus: 'passing' });
    const eventsAtFlap = (await events(service, start)).events.length;
    // Further swings are damped: status stays critical and no one is woken.
    for (let i = 0; i < 3; i += 1) {
      await push(service, 'f-1', 'fail');
      expect((await push(service, 'f-1', 'pass')).body).toMatchObject({ flapping: true, status: 'critical' });
    }
    expect((await events(service, start)).events.length).toBe(eventsAtFlap);

    // Settling: once fewer than half the threshold transitions remain in the window, it is released.
    let released: InstanceHealth | undefined;
    for (let i = 0; i < 10 && !released; i += 1) {
      const body = (await push(service, 'f-1', 'pass')).body;
      if (!body.flapping) released = body;
    }
    expect(released).toMatchObject({ status: 'passing', flapping: false });
    const all = (await events(service, start)).events;
    expect(all.at(-1)!.data).toMatchObject({ previousStatus: 'critical', health: { status: 'passing', flapping: false } });
    expect(all.filter((event) => event.data.health?.flapping === true).length).toBeGreaterThan(0);
  });
});

describe('watch', () => {
  it('streams status changes over SSE with id = revision, and resumes from Last-Event-ID', async () => {
    const service = 'watched';
    await putSettings(url, service, { ...ttlSettings, successBeforePassing: 1, failuresBeforeCritical: 1 });
    await health.store.track(service, 'w-1', 1);
    const start = (await events(service, 0)).revision;

    const received = await readSse(`${url}/v1/health/services/${service}/watch?fromRevision=${start}`, {
      until: (seen) => seen.filter((event) => event.event === 'status').length >= 2,
      onOpen: async () => {
        await push(service, 'w-1', 'pass', 'one');
        await push(service, 'w-1', 'pass', 'output only');
        await push(service, 'w-1', 'fail');
      },
    });
    const statusEvents = received.filter((event) => event.event === 'status');
    expect(statusEvents.map((event) => Number(event.id))).toEqual([start + 1, start + 2]);
    const parsed = statusEvents.map((event) => JSON.parse(event.data) as HealthEvent);
    expect(parsed.map((event) => event.data.health?.status)).toEqual(['passing', 'critical']);
    expect(parsed[0]!.revision).toBe(start + 1);

    const resumed = await readSse(`${url}/v1/health/services/${service}/watch`, {
      lastEventId: String(start + 1),
      until: (seen) => seen.some((event) => event.event === 'status'),
    });
    expect(resumed.filter((event) => event.event === 'status').map((event) => Number(event.id))).toEqual([start + 2]);
  });

  it('long-polls: waits for the next change, or answers empty after the timeout', async () => {
    const service = 'long-polled';
    await putSettings(url, service, { ...ttlSettings, successBeforePassing: 1 });
    await health.store.track(service, 'l-1', 1);
    const start = (await events(service, 0)).revision;
    const empty = await json<HealthEventPage>(await fetch(`${url}/v1/health/services/${service}/watch?afterRevision=${start}&timeoutSeconds=1`));
    expect(empty).toEqual({ revision: start, compacted: false, events: [] });

    const waiting = fetch(`${url}/v1/health/services/${service}/watch?afterRevision=${start}&timeoutSeconds=20`).then((r) =>
      json<HealthEventPage>(r),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    await push(service, 'l-1', 'pass');
    const page = await waiting;
    expect(page.events).toHaveLength(1);
    expect(page.events[0]!.data.health).toMatchObject({ instanceId: 'l-1', status: 'passing' });
  });
});

describe('concurrency', () => {
  it('tracks a registration once and forgets it once, however many replicas race', async () => {
    const service = 'racy';
    const start = (await events(service, 0)).revision;
    const created = await Promise.all(Array.from({ length: 30 }, () => health.store.track(service, 'r-1', 5)));
    expect(created.filter(Boolean)).toHaveLength(1);
    const removed = await Promise.all(Array.from({ length: 30 }, () => health.store.forget(service, 'r-1', 5)));
    expect(removed.filter(Boolean)).toHaveLength(1);
    // A lagging replica cannot bring the same registration back; a newer one can.
    expect(await health.store.track(service, 'r-1', 5)).toBe(false);
    expect(await health.store.track(service, 'r-1', 6)).toBe(true);
    const page = await events(service, start);
    expect(page.events.map((event) => event.type)).toEqual(['status', 'removed', 'status']);
    expect(page.events[1]!.data).toMatchObject({ previousStatus: 'critical', health: null });
  });

  it('lets exactly one replica claim each slot of an instance', async () => {
    await putSettings(url, 'claims', { intervalMs: 60_000, timeoutMs: 1_000 });
    const claims = await Promise.all(
      Array.from({ length: 40 }, (_, i) => health.store.claim('claims', 'c-1', `replica-${i % 8}`, 12_345, true)),
    );
    const winners = claims.filter((claim) => claim.won);
    expect(winners).toHaveLength(1);
    expect(new Set(claims.map((claim) => claim.slotStart)).size).toBe(1);
    const slot = claims[0]!;
    expect(slot.nextSlotStart - slot.slotStart).toBe(60_000);
    expect((slot.slotStart - 12_345) % 60_000).toBe(0);
    // A result only counts for the replica holding this slot's claim.
    const winner = `replica-${claims.findIndex((claim) => claim.won) % 8}`;
    const loser = winner === 'replica-0' ? 'replica-1' : 'replica-0';
    const base = { epoch: 1, mode: 'check' as const, result: 'passing' as const, output: 'ok', slotStart: slot.slotStart };
    expect((await health.store.record('claims', 'c-1', { ...base, checker: loser })).outcome).toBe(-1);
    expect((await health.store.record('claims', 'c-1', { ...base, checker: winner })).outcome).toBe(1);
  });
});
