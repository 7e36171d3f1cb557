import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, expectProblem, startTestFlags, type TestFlags, testEnv } from './helpers.js';

/** An Unleash client features document as Unleash serves it (extra fields included). */
export const UNLEASH_DOCUMENT = {
  version: 2,
  features: [
    {
      name: 'new-checkout',
      description: 'The new checkout flow',
      type: 'release',
      project: 'shop',
      enabled: true,
      stale: false,
      impressionData: true,
      strategies: [
        {
          id: 'b9b8ba3a-2a62-4d77-bd2a-b0d6b4b9dd68',
          name: 'flexibleRollout',
          constraints: [{ contextName: 'appName', operator: 'IN', values: ['web'], caseInsensitive: false, inverted: false }],
          parameters: { rollout: '50', stickiness: 'default', groupId: 'new-checkout' },
          segments: [1],
          variants: [],
        },
        { name: 'default', parameters: {}, constraints: [], disabled: true },
      ],
      variants: [
        { name: 'a', weight: 500, weightType: 'variable', stickiness: 'default', payload: { type: 'string', value: 'A' }, overrides: [] },
        { name: 'b', weight: 500, weightType: 'variable', stickiness: 'default' },
      ],
      dependencies: [{ feature: 'kill-switch', enabled: false }],
      createdAt: '2024-01-01T00:00:00.000Z',
    },
    { name: 'kill-switch', type: 'kill-switch', project: 'shop', enabled: false, stale: false, strategies: [], variants: [] },
    {
      name: 'ip-allow',
      type: 'permission',
      enabled: true,
      strategies: [{ name: 'remoteAddress', parameters: { IPs: '10.0.0.0/8, 192.168.1.1' }, constraints: [] }],
    },
  ],
  segments: [
    {
      id: 1,
      name: 'europe',
      constraints: [{ contextName: 'country', operator: 'IN', values: ['DE', 'FR'], inverted: false, caseInsensitive: true }],
    },
  ],
  query: { environment: 'production' },
  meta: { revisionId: 42, etag: '"abc"', queryHash: 'x' },
};

describe('import and export in Unleash format', () => {
  let svc: TestFlags;
  beforeAll(async () => {
    svc = await startTestFlags(testEnv());
  });
  afterAll(() => svc.close());

  it('imports a client features document as it is, and exports it back', async () => {
    const imported = await call(svc.url, 'POST', '/v1/flags/import?format=unleash&environment=production', { body: UNLEASH_DOCUMENT });
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({
      environment: 'production',
      flags: { created: 3, updated: 0, unchanged: 0, deleted: 0 },
      segments: { created: 1, updated: 0, unchanged: 0, deleted: 0 },
    });
    const exported = await call(svc.url, 'GET', '/v1/flags/export?format=unleash&environment=production');
    expect(exported.status).toBe(200);
    expect(exported.body.meta).toMatchObject({ environment: 'production', revision: imported.body.revision });
    expect(exported.body.features.map((f: { name: string }) => f.name)).toEqual(['ip-allow', 'kill-switch', 'new-checkout']);
    const checkout = exported.body.features[2];
    expect(checkout).toMatchObject({ project: 'shop', impressionData: true, dependencies: [{ feature: 'kill-switch', enabled: false }] });
    // The disabled strategy is gone (Unleash never serves it to SDKs); unknown fields are dropped.
    expect(checkout.strategies).toHaveLength(1);
    expect(checkout.strategies[0]).toEqual({
      name: 'flexibleRollout',
      parameters: { rollout: '50', stickiness: 'default', groupId: 'new-checkout' },
      constraints: [{ contextName: 'appName', operator: 'IN', values: ['web'], caseInsensitive: false, inverted: false }],
      segments: [1],
    });
    expect(exported.body.segments).toEqual([UNLEASH_DOCUMENT.segments[0] && { ...UNLEASH_DOCUMENT.segments[0], description: null }]);

    // Importing the export changes nothing.
    const again = await call(svc.url, 'POST', '/v1/flags/import?format=unleash&environment=production', { body: exported.body });
    expect(again.body.flags).toEqual({ created: 0, updated: 0, unchanged: 3, deleted: 0 });
    expect(again.body.revision).toBe(imported.body.revision);

    // ETag / If-None-Match on the export.
    const cached = await call(svc.url, 'GET', '/v1/flags/export?environment=production', {
      headers: { 'if-none-match': exported.headers.get('etag')! },
    });
    expect(cached.status).toBe(304);
    const shop = await call(svc.url, 'GET', '/v1/flags/export?environment=production&project=shop');
    expect(shop.body.features.map((f: { name: string }) => f.name)).toEqual(['kill-switch', 'new-checkout']);

    // The imported flags evaluate.
    const evaluation = await call(svc.url, 'POST', '/v1/evaluate?environment=production', {
      body: { flag: 'ip-allow', context: { remoteAddress: '10.1.2.3' } },
    });
    expect(evaluation.body.flags[0]).toMatchObject({ value: true, reason: 'TARGETING_MATCH' });
  });

  it('replaces: what the document lacks is deleted', async () => {
    await call(svc.url, 'POST', '/v1/flags/import?environment=replace', { body: UNLEASH_DOCUMENT });
    const replaced = await call(svc.url, 'POST', '/v1/flags/import?environment=replace&mode=replace', {
      body: { features: [{ name: 'only', enabled: true, strategies: [] }] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.flags).toEqual({ created: 1, updated: 0, unchanged: 0, deleted: 3 });
    expect(replaced.body.segments.deleted).toBe(1);
    const exported = await call(svc.url, 'GET', '/v1/flags/export?environment=replace');
    expect(exported.body.features.map((f: { name: string }) => f.name)).toEqual(['only']);
    expect(exported.body.segments).toEqual([]);
  });

  it('upserts against what is there: references to existing segments resolve', async () => {
    await call(svc.url, 'POST', '/v1/flags/import?environment=upsert', { body: { features: [], segments: UNLEASH_DOCUMENT.segments } });
    const response = await call(svc.url, 'POST', '/v1/flags/import?environment=upsert', {
      body: { features: [{ name: 'eu', enabled: true, strategies: [{ name: 'default', segments: [1] }] }] },
    });
    expect(response.status).toBe(200);
  });

  it('rejects an invalid document whole, with every problem listed', async () => {
    const bad = {
      features: [
        { name: 'a', enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'x', operator: 'BOGUS', values: [] }] }] },
        { name: 'b', enabled: true, strategies: [{ name: 'default', segments: [77] }] },
      ],
    };
    const response = await call(svc.url, 'POST', '/v1/flags/import?environment=bad', { body: bad });
    expectProblem(response, 422, 'INVALID_FLAG');
    expect(response.body.errors.length).toBeGreaterThanOrEqual(2);
    const exported = await call(svc.url, 'GET', '/v1/flags/export?environment=bad');
    expect(exported.body.features).toEqual([]);

    // lenient: Unleash's behaviour, invalid rules never match.
    const lenient = await call(svc.url, 'POST', '/v1/flags/import?environment=bad&lenient=true', { body: { features: [bad.features[0]] } });
    expect(lenient.status).toBe(200);
    expect(lenient.body.warnings.length).toBeGreaterThan(0);

    expectProblem(await call(svc.url, 'POST', '/v1/flags/import?environment=bad', { body: { features: [{ name: 'x' }] } }), 422, 'INVALID_FLAG');
    expectProblem(
      await call(svc.url, 'POST', '/v1/flags/import?environment=bad', { body: { features: [{ name: 'bad name', enabled: true, strategies: [] }] } }),
      422,
      'INVALID_FLAG',
    );
    expectProblem(await call(svc.url, 'POST', '/v1/flags/import?environment=bad', { body: { flags: [] } }), 400, 'VALIDATION_FAILED');
    expectProblem(await call(svc.url, 'POST', '/v1/flags/import?format=json', { body: { features: [] } }), 400, 'VALIDATION_FAILED');
    expectProblem(
      await call(svc.url, 'POST', '/v1/flags/import?environment=bad', {
        body: { features: [{ name: 'd', enabled: true, strategies: [] }, { name: 'd', enabled: false, strategies: [] }] },
      }),
      422,
      'INVALID_FLAG',
    );
  });
});
