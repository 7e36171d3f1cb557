import { freePort, waitFor } from '@trellis/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigApiError, type ConfigChange, ConfigClient } from '../src/config/index.js';
import { configEnv, deleteValue, type RunningConfigSvc, snapshotOf, startConfigSvc, writeValue } from './config-helpers.js';

const NS = 'payments/prod';

describe('ConfigClient against config-svc', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function service(env: Record<string, string>, port = 0): Promise<RunningConfigSvc> {
    const svc = await startConfigSvc(env, port);
    let closing: Promise<void> | undefined;
    const close = () => (closing ??= svc.close());
    cleanups.push(close);
    return { ...svc, close };
  }

  function client(options: ConstructorParameters<typeof ConfigClient>[0]): ConfigClient {
    const created = new ConfigClient({ retryMs: 200, ...options });
    cleanups.push(() => created.close());
    return created;
  }

  it('loads the snapshot, then a config write reaches the watching client with listeners', async () => {
    const svc = await service(configEnv());
    await writeValue(svc.url, NS, 'timeout', 30);
    const config = client({ baseUrl: svc.url, namespace: NS });
    await config.start();
    expect(config.get('timeout', 10)).toBe(30);
    expect(config.revision).toBe(1);

    const changes: ConfigChange[] = [];
    const timeoutChanges: ConfigChange<number>[] = [];
    config.on('change', (change) => changes.push(change));
    config.onKey<number>('timeout', (change) => timeoutChanges.push(change));
    await waitFor(() => config.isConnected(), { timeoutMs: 10_000 });
    expect(config.staleness()).toBe(0);

    await writeValue(svc.url, NS, 'timeout', 45);
    await writeValue(svc.url, NS, 'retries', { max: 3, backoff: [100, 200] });
    await waitFor(() => config.get('retries') !== undefined, { timeoutMs: 10_000 });
    expect(config.get('timeout', 10)).toBe(45);
    expect(config.get<{ max: number }>('retries', { max: 0 }).max).toBe(3);
    expect(config.entry('timeout')).toMatchObject({ version: 2, modRevision: 2, etag: '"2"' });
    expect(changes.map((c) => `${c.key}@${c.revision}`)).toEqual(['timeout@2', 'retries@3']);
    expect(timeoutChanges).toEqual([
      { key: 'timeout', type: 'put', value: 45, previousValue: 30, revision: 2, version: 2, source: 'watch' },
    ]);

    await deleteValue(svc.url, NS, 'timeout');
    await waitFor(() => !config.has('timeout'), { timeoutMs: 10_000 });
    expect(config.get('timeout', 10)).toBe(10);
    expect(timeoutChanges.at(-1)).toMatchObject({ type: 'delete', value: undefined, previousValue: 45, revision: 4 });

    // Typed reads: a value of another JSON type than the default is not handed out as that type.
    await writeValue(svc.url, NS, 'mode', 'fast');
    await waitFor(() => config.has('mode'), { timeoutMs: 10_000 });
    expect(config.get('mode', 0)).toBe(0);
    expect(config.get('mode', 'slow')).toBe('fast');
    expect(config.get('mode')).toBe('fast');
    expect(config.toObject()).toEqual({ mode: 'fast', retries: { max: 3, backoff: [100, 200] } });
  });

  it('watches only its prefix, fetches values too large for events, and survives a throwing listener', async () => {
    const svc = await service(configEnv());
    const config = client({ baseUrl: svc.url, namespace: 'app', prefix: 'db.' });
    await config.start();
    const errors: unknown[] = [];
    config.on('error', (error) => errors.push(error));
    config.on('change', () => {
      throw new Error('listener bug');
    });
    await writeValue(svc.url, 'app', 'cache.ttl', 5);
    const big = 'b'.repeat(200 * 1_024);
    await writeValue(svc.url, 'app', 'db.blob', big);
    await writeValue(svc.url, 'app', 'db.host', 'primary');
    await waitFor(() => config.get('db.host') === 'primary', { timeoutMs: 10_000 });
    expect(config.get('db.blob')).toBe(big);
    expect(config.has('cache.ttl')).toBe(false);
    expect(config.keys()).toEqual(['db.blob', 'db.host']);
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });

  it('resumes after config-svc restarts on the same port and misses nothing, saying how stale it was', async () => {
    const env = configEnv();
    const port = await freePort();
    let first = await service(env, port);
    const writer = await service(env); // a second instance, up throughout
    for (let i = 0; i < 5; i += 1) await writeValue(writer.url, NS, `k${i}`, i);

    const config = client({ baseUrl: first.url, namespace: NS });
    const seen: ConfigChange[] = [];
    config.on('change', (change) => seen.push(change));
    let disconnects = 0;
    config.on('disconnected', () => {
      disconnects += 1;
    });
    await config.start();
    await waitFor(() => config.isConnected(), { timeoutMs: 10_000 });
    await writeValue(writer.url, NS, 'k0', 'live');
    await waitFor(() => config.get('k0') === 'live', { timeoutMs: 10_000 });

    await first.close();
    await waitFor(() => !config.isConnected(), { timeoutMs: 10_000 });
    expect(disconnects).toBe(1);
    // While config-svc is away: writes through the other instance, including deletes.
    for (let i = 0; i < 30; i += 1) await writeValue(writer.url, NS, `k${i % 8}`, `offline-${i}`);
    await deleteValue(writer.url, NS, 'k1');
    await deleteValue(writer.url, NS, 'k7');
    await waitFor(() => config.staleness() >= 300, { timeoutMs: 10_000 });
    expect(config.status()).toMatchObject({ connected: false, revision: 6 });

    first = await service(env, port); // a new app on the same port
    const expected = await snapshotOf(writer.url, NS);
    await waitFor(() => config.revision === expected.revision, { timeoutMs: 15_000 });
    expect(config.toObject()).toEqual(expected.values);
    expect(config.staleness()).toBe(0);

    // Every change exactly once, in revision order, nothing re-listed.
    const revisions = seen.map((c) => c.revision);
    expect(revisions).toEqual(Array.from({ length: expected.revision - 5 }, (_, i) => i + 6));
    expect(seen.every((c) => c.source === 'watch')).toBe(true);
    expect(seen.filter((c) => c.type === 'delete').map((c) => c.key)).toEqual(['k1', 'k7']);
  });

  it('re-reads the snapshot when the changes it missed were compacted, and reports each difference', async () => {
    const env = configEnv({ EVENT_STREAM_MAX_LENGTH: '10' });
    const port = await freePort();
    const first = await service(env, port);
    const writer = await service(env);
    for (let i = 0; i < 4; i += 1) await writeValue(writer.url, 'trim', `k${i}`, i);
    const config = client({ baseUrl: first.url, namespace: 'trim' });
    await config.start();
    await waitFor(() => config.isConnected(), { timeoutMs: 10_000 });
    const changes: ConfigChange[] = [];
    const resyncs: { reason: string }[] = [];
    config.on('change', (change) => changes.push(change));
    config.on('resync', (event) => resyncs.push(event));

    await first.close();
    await waitFor(() => !config.isConnected(), { timeoutMs: 10_000 });
    // Enough changes that the stream drops the ones the client needs (trimming goes by ~100).
    for (let i = 0; i < 250; i += 1) await writeValue(writer.url, 'trim', `k${2 + (i % 3)}`, i);
    await deleteValue(writer.url, 'trim', 'k0');
    await service(env, port);

    const expected = await snapshotOf(writer.url, 'trim');
    await waitFor(() => config.revision === expected.revision, { timeoutMs: 15_000 });
    expect(config.toObject()).toEqual(expected.values);
    expect(resyncs).toEqual([{ revision: expected.revision, reason: 'compacted' }]);
    expect(changes.every((c) => c.source === 'resync')).toBe(true);
    expect(changes.map((c) => `${c.type}:${c.key}`).sort()).toEqual(['delete:k0', 'put:k2', 'put:k3', 'put:k4']);
    await waitFor(() => config.isConnected(), { timeoutMs: 10_000 });
    await writeValue(writer.url, 'trim', 'after', true);
    await waitFor(() => config.get('after') === true, { timeoutMs: 10_000 });
  });

  it('writes through config-svc with compare-and-set, and reports problems as ConfigApiError', async () => {
    const svc = await service(configEnv());
    const config = client({ baseUrl: svc.url, namespace: 'writes', actor: 'test-suite' });
    await config.start();
    const created = await config.set('limit', 10, { ifNoneMatch: '*' });
    expect(created).toMatchObject({ version: 1, updatedBy: 'test-suite' });
    await config.set('limit', 11, { ifMatch: created.etag });
    const conflict = await config.set('limit', 12, { ifMatch: created.etag }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(ConfigApiError);
    expect(conflict).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED', problem: { currentETag: '"2"' } });
    await waitFor(() => config.get('limit') === 11, { timeoutMs: 10_000 });
    await config.delete('limit');
    await waitFor(() => !config.has('limit'), { timeoutMs: 10_000 });
    const invalid = await config.set('bad key', 1).catch((error: unknown) => error);
    expect(invalid).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
  });

  it('fails start() at once when config-svc refuses the namespace', async () => {
    const svc = await service(configEnv());
    const config = client({ baseUrl: svc.url, namespace: 'bad//namespace' });
    await expect(config.start()).rejects.toMatchObject({ name: 'ConfigApiError', status: 400 });
  });

  it('retries until config-svc is there when it is down at start', async () => {
    const env = configEnv();
    const port = await freePort();
    const config = client({ baseUrl: `http://127.0.0.1:${port}`, namespace: 'late' });
    expect(config.staleness()).toBe(Number.POSITIVE_INFINITY);
    const started = config.start();
    await new Promise((r) => setTimeout(r, 500));
    const svc = await service(env, port);
    await writeValue(svc.url, 'late', 'ready', true);
    await started;
    await waitFor(() => config.get('ready') === true, { timeoutMs: 10_000 });
  });
});
