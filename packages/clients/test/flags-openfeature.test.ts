import { OFREPApi } from '@openfeature/ofrep-core';
import { OFREPProvider } from '@openfeature/ofrep-provider';
import { ErrorCode, OpenFeature, ProviderEvents } from '@openfeature/server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrellisFlagsProvider } from '../src/flags/index.js';
import { api, flagsEnv, putFlag, type RunningFlags, startFlags } from './flags-helpers.js';

const ENV = 'of';

describe('OpenFeature against flags-svc', () => {
  let flags: RunningFlags;
  beforeAll(async () => {
    flags = await startFlags(flagsEnv());
    await putFlag(flags.url, ENV, 'new-checkout', { enabled: true, strategies: [{ name: 'user_list', userIds: ['alice'] }] });
    await putFlag(flags.url, ENV, 'button-color', {
      enabled: true,
      strategies: [{ name: 'all' }],
      variants: [{ name: 'green', weight: 1000, payload: { type: 'string', value: 'green' } }],
    });
    await putFlag(flags.url, ENV, 'limits', {
      enabled: true,
      strategies: [{ name: 'group', groups: ['pro'] }],
      variants: [{ name: 'pro', weight: 1000, payload: { type: 'json', value: '{"max":100}' } }],
    });
    await putFlag(flags.url, ENV, 'retries', {
      enabled: true,
      strategies: [],
      variants: [{ name: 'three', weight: 1000, payload: { type: 'number', value: '3' } }],
    });
  });
  afterAll(async () => {
    await OpenFeature.close();
    await flags.close();
  });

  it('the official OFREP provider evaluates flags served by flags-svc', async () => {
    await OpenFeature.setProviderAndWait(
      'ofrep',
      new OFREPProvider({ baseUrl: flags.url, headers: { 'x-trellis-environment': ENV } }),
    );
    const client = OpenFeature.getClient('ofrep');
    const alice = await client.getBooleanDetails('new-checkout', false, { targetingKey: 'alice' });
    expect(alice).toMatchObject({ value: true, reason: 'TARGETING_MATCH', variant: 'on' });
    expect(await client.getBooleanValue('new-checkout', true, { targetingKey: 'bob' })).toBe(false);
    expect(await client.getStringDetails('button-color', 'grey', { targetingKey: 'bob' })).toMatchObject({
      value: 'green',
      variant: 'green',
    });
    expect(await client.getObjectValue('limits', {}, { targetingKey: 'c', groups: ['pro'] })).toEqual({ max: 100 });
    expect(await client.getNumberValue('retries', 0, {})).toBe(3);
    const missing = await client.getBooleanDetails('missing', true, { targetingKey: 'x' });
    expect(missing).toMatchObject({ value: true, errorCode: ErrorCode.FLAG_NOT_FOUND, reason: 'ERROR' });
    const mismatch = await client.getStringDetails('new-checkout', 'x', { targetingKey: 'alice' });
    expect(mismatch).toMatchObject({ value: 'x', errorCode: ErrorCode.TYPE_MISMATCH });
  });

  it('the Trellis provider evaluates the same flags locally', async () => {
    const provider = new TrellisFlagsProvider({ baseUrl: flags.url, environment: ENV, usageReportIntervalMs: 0 });
    await OpenFeature.setProviderAndWait('trellis', provider);
    const client = OpenFeature.getClient('trellis');
    expect(await client.getBooleanDetails('new-checkout', false, { targetingKey: 'alice' })).toMatchObject({
      value: true,
      reason: 'TARGETING_MATCH',
    });
    expect(await client.getBooleanValue('new-checkout', true, { targetingKey: 'bob' })).toBe(false);
    expect(await client.getStringValue('button-color', 'grey', { targetingKey: 'bob' })).toBe('green');
    expect(await client.getObjectValue('limits', {}, { targetingKey: 'c', groups: ['pro'] })).toEqual({ max: 100 });
    // Not in the group: the flag is on but its strategy did not match: the default.
    expect(await client.getObjectDetails('limits', { max: 1 }, { targetingKey: 'c' })).toMatchObject({
      value: { max: 1 },
      reason: 'DEFAULT',
    });
    expect(await client.getNumberValue('retries', 0, {})).toBe(3);
    expect((await client.getBooleanDetails('missing', true, {})).errorCode).toBe(ErrorCode.FLAG_NOT_FOUND);
    expect((await client.getNumberDetails('button-color', 1, {})).errorCode).toBe(ErrorCode.TYPE_MISMATCH);

    // A change is announced as PROVIDER_CONFIGURATION_CHANGED and evaluated at once.
    const changed = new Promise<string[]>((resolve) =>
      client.addHandler(ProviderEvents.ConfigurationChanged, (details) => resolve(details?.flagsChanged ?? [])),
    );
    await putFlag(flags.url, ENV, 'new-checkout', { enabled: true, strategies: [{ name: 'user_list', userIds: ['alice', 'bob'] }] });
    expect(await changed).toEqual(['new-checkout']);
    expect(await client.getBooleanValue('new-checkout', false, { targetingKey: 'bob' })).toBe(true);
  });

  it('bulk evaluation answers 304 while nothing changed (official OFREP client)', async () => {
    const ofrep = new OFREPApi(flags.url);
    const headers: [string, string][] = [['x-trellis-environment', ENV]];
    const first = await ofrep.postBulkEvaluateFlags({ context: { targetingKey: 'alice' } }, { headers });
    expect(first.httpStatus).toBe(200);
    const etag = first.httpResponse?.headers.get('etag');
    expect(etag).toBeTruthy();
    const keys = (first.value as { flags: { key: string }[] }).flags.map((f) => f.key);
    expect(keys).toEqual(['button-color', 'limits', 'new-checkout', 'retries']);

    const unchanged = await ofrep.postBulkEvaluateFlags(
      { context: { targetingKey: 'alice' } },
      { headers: [...headers, ['if-none-match', etag as string]] },
    );
    expect(unchanged.httpStatus).toBe(304);

    await putFlag(flags.url, ENV, 'retries', { enabled: false, strategies: [] });
    const changed = await ofrep.postBulkEvaluateFlags(
      { context: { targetingKey: 'alice' } },
      { headers: [...headers, ['if-none-match', etag as string]] },
    );
    expect(changed.httpStatus).toBe(200);
    expect(changed.httpResponse?.headers.get('etag')).not.toBe(etag);
    const retries = (changed.value as { flags: { key: string; value: unknown }[] }).flags.find((f) => f.key === 'retries');
    expect(retries).toMatchObject({ value: false, reason: 'DISABLED' });

    const status = await api(flags.url, 'POST', `/ofrep/v1/evaluate/flags?environment=${ENV}`, { context: 'nope' });
    expect(status.status).toBe(400);
  });
});
