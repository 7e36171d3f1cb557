import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlagsClient } from '../src/flags/index.js';
import { api, flagsEnv, type RunningFlags, startFlags } from './flags-helpers.js';

// Random flags and contexts: flags-svc (POST /v1/evaluate) and the SDK (local evaluation) must
// answer alike. Stickiness is always resolvable (every context has a userId and no "random"),
// and time and host name come from the context, so every answer is deterministic.

const USERS = ['u0', 'u1', 'u2', 'alice', 'bob', 'carol', 'Ünïcode', '42'];
const PLANS = ['free', 'pro', 'enterprise', 'Pro'];
const APPS = ['web', 'ios', 'android'];
const VERSIONS = ['1.0.0', '1.2.3', '2.0.0-beta.1', '2.0.0', '10.1.0'];
const GROUPS = ['beta', 'staff', 'qa'];
const COUNTRIES = ['DE', 'FR', 'US'];
const TIMES = ['2024-01-01T00:00:00.000Z', '2025-06-15T12:00:00.000Z', '2026-12-31T23:59:59.000Z'];
const IPS = ['10.0.0.1', '10.1.2.3', '192.168.1.7', '172.16.0.5', '::1'];
const HOSTS = ['host-a', 'host-b'];

const bools = fc.boolean();
const stringConstraint = fc.record({
  contextName: fc.constantFrom('userId', 'plan', 'appName', 'country', 'sessionId'),
  operator: fc.constantFrom('IN', 'NOT_IN', 'STR_STARTS_WITH', 'STR_ENDS_WITH', 'STR_CONTAINS'),
  values: fc.subarray([...USERS, ...PLANS, ...APPS, ...COUNTRIES, 'a', 'o', 'P'], { minLength: 1, maxLength: 4 }),
  caseInsensitive: bools,
  inverted: bools,
});
const numberConstraint = fc.record({
  contextName: fc.constant('age'),
  operator: fc.constantFrom('NUM_EQ', 'NUM_GT', 'NUM_GTE', 'NUM_LT', 'NUM_LTE'),
  value: fc.integer({ min: 0, max: 100 }).map(String),
  inverted: bools,
});
const semverConstraint = fc.record({
  contextName: fc.constant('version'),
  operator: fc.constantFrom('SEMVER_EQ', 'SEMVER_GT', 'SEMVER_LT'),
  value: fc.constantFrom(...VERSIONS),
  inverted: bools,
});
const dateConstraint = fc.record({
  contextName: fc.constant('currentTime'),
  operator: fc.constantFrom('DATE_AFTER', 'DATE_BEFORE'),
  value: fc.constantFrom('2025-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  inverted: bools,
});
const groupConstraint = fc.record({
  contextName: fc.constant('groups'),
  operator: fc.constantFrom('IN', 'NOT_IN'),
  values: fc.subarray(GROUPS, { minLength: 1 }),
  inverted: bools,
});
const constraint = fc.oneof(stringConstraint, numberConstraint, semverConstraint, dateConstraint, groupConstraint);
const constraints = fc.array(constraint, { maxLength: 2 });
const segmentRefs = fc.subarray([1, 2], { maxLength: 1 });

const variant = fc.record(
  {
    name: fc.constantFrom('a', 'b', 'c', 'd'),
    weight: fc.integer({ min: 1, max: 1000 }),
    stickiness: fc.constantFrom('default', 'userId'),
    payload: fc.oneof(
      fc.record({ type: fc.constant('string'), value: fc.constantFrom('red', 'blue') }),
      fc.record({ type: fc.constant('json'), value: fc.constantFrom('{"a":1}', '[1,2]', '{"nested":{"x":true}}') }),
      fc.record({ type: fc.constant('number'), value: fc.constantFrom('1', '2.5', '-3') }),
    ),
    overrides: fc.constantFrom([], [{ contextName: 'userId', values: ['alice'] }], [{ contextName: 'plan', values: ['pro'] }]),
  },
  { requiredKeys: ['name', 'weight', 'stickiness'] },
);
const variants = fc.uniqueArray(variant, { maxLength: 3, selector: (v) => v.name });

const strategy = fc.oneof(
  fc.record({ name: fc.constant('default'), constraints, segments: segmentRefs }),
  fc.record({ name: fc.constant('userWithId'), parameters: fc.subarray(USERS, { minLength: 1 }).map((ids) => ({ userIds: ids.join(',') })), constraints }),
  fc.record({
    name: fc.constant('flexibleRollout'),
    parameters: fc.record({
      rollout: fc.integer({ min: 0, max: 100 }).map(String),
      stickiness: fc.constantFrom('default', 'userId', 'sessionId', 'plan'),
      groupId: fc.constantFrom('g1', 'g2'),
    }),
    constraints,
    segments: segmentRefs,
    variants,
  }),
  fc.record({ name: fc.constant('remoteAddress'), parameters: fc.constantFrom({ IPs: '10.0.0.0/8' }, { IPs: '192.168.1.7, ::1' }), constraints }),
  fc.record({ name: fc.constant('applicationHostname'), parameters: fc.constantFrom({ hostNames: 'host-a' }, { hostNames: 'HOST-B,other' }) }),
  fc.record({ name: fc.constant('percentage'), percentage: fc.integer({ min: 0, max: 100 }), constraints }),
  fc.record({ name: fc.constant('user_list'), userIds: fc.subarray(USERS, { minLength: 1 }) }),
  fc.record({ name: fc.constant('group'), groups: fc.subarray(GROUPS, { minLength: 1 }) }),
  fc.constant({ name: 'all' }),
  fc.constant({ name: 'none' }),
);

const flagsDocument = fc
  .record({
    flags: fc.array(
      fc.record({
        enabled: fc.boolean(),
        strategies: fc.array(strategy, { maxLength: 3 }),
        variants,
        dependency: fc.option(fc.record({ enabled: bools, variants: fc.constantFrom([], ['a'], ['a', 'b']) }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 5 },
    ),
    segments: fc.tuple(constraints, constraints),
  })
  .map(({ flags, segments }) => ({
    features: flags.map((f, i) => ({
      name: `f${i}`,
      enabled: f.enabled,
      strategies: f.strategies,
      variants: f.variants,
      // Only one level: any flag but f0 may depend on f0.
      ...(i > 0 && f.dependency ? { dependencies: [{ feature: 'f0', ...f.dependency }] } : {}),
    })),
    segments: segments.map((cs, i) => ({ id: i + 1, name: `s${i + 1}`, constraints: cs })),
  }));

const context = fc.record(
  {
    targetingKey: fc.constantFrom(...USERS),
    sessionId: fc.constantFrom('s1', 's2', 's3'),
    remoteAddress: fc.constantFrom(...IPS),
    appName: fc.constantFrom(...APPS),
    plan: fc.constantFrom(...PLANS),
    version: fc.constantFrom(...VERSIONS),
    age: fc.integer({ min: 0, max: 100 }),
    groups: fc.subarray(GROUPS),
    currentTime: fc.constantFrom(...TIMES),
    hostname: fc.constantFrom(...HOSTS),
    properties: fc.record({ country: fc.constantFrom(...COUNTRIES) }),
  },
  { requiredKeys: ['targetingKey', 'currentTime', 'hostname'] },
);

interface ServerEvaluation {
  key: string;
  value: unknown;
  variant?: string;
  reason: string;
  enabled: boolean;
}

describe('server and SDK agree', () => {
  let flags: RunningFlags;
  let client: FlagsClient;
  beforeAll(async () => {
    flags = await startFlags(flagsEnv());
    client = new FlagsClient({ baseUrl: flags.url, environment: 'prop', usageReportIntervalMs: 0, hostname: 'sdk-host' });
    await client.start();
  });
  afterAll(async () => {
    await client.close();
    await flags.close();
  });

  it('on randomised flags and contexts', async () => {
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(flagsDocument, fc.array(context, { minLength: 1, maxLength: 8 }), async (doc, contexts) => {
        const imported = await api<{ revision: number }>(flags.url, 'POST', '/v1/flags/import?environment=prop&mode=replace', doc);
        expect(imported.status, JSON.stringify(imported.body)).toBe(200);
        await client.waitForRevision(imported.body.revision);
        for (const ctx of contexts) {
          const server = await api<{ flags: ServerEvaluation[] }>(flags.url, 'POST', '/v1/evaluate?environment=prop', { context: ctx });
          expect(server.status).toBe(200);
          expect(server.body.flags.map((f) => f.key)).toEqual([...client.flagNames].sort());
          for (const answer of server.body.flags) {
            const local = client.resolve(answer.key, ctx);
            const enabled = client.evaluate(answer.key, ctx).enabled;
            expect({ key: answer.key, value: local.value, variant: local.variant, reason: local.reason, enabled }).toEqual({
              key: answer.key,
              value: answer.value,
              variant: answer.variant,
              reason: answer.reason,
              enabled: answer.enabled,
            });
            compared += 1;
          }
        }
      }),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(100);
  });
});
