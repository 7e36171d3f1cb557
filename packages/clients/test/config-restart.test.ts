import { type ChildProcessHandle, freePort, waitFor } from '@trellis/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConfigChange, ConfigClient } from '../src/config/index.js';
import {
  configEnv,
  deleteValue,
  type RunningConfigSvc,
  snapshotOf,
  startConfigProcess,
  startConfigSvc,
  writeValue,
} from './config-helpers.js';

describe('ConfigClient across config-svc process restarts', () => {
  const env = configEnv();
  let processA: ChildProcessHandle | undefined;
  let writer: RunningConfigSvc | undefined;
  let config: ConfigClient | undefined;
  afterAll(async () => {
    config?.close();
    await processA?.stop();
    await writer?.close();
  });

  it('resumes from its revision after the process is stopped and a new one starts on the same port, missing nothing', async () => {
    const port = await freePort();
    processA = await startConfigProcess({ ...env, INSTANCE_ID: 'config-a' }, port);
    writer = await startConfigSvc(env);
    await writeValue(writer.url, 'orders/prod', 'batch', 10);

    config = new ConfigClient({ baseUrl: `http://127.0.0.1:${port}`, namespace: 'orders/prod', retryMs: 200 });
    const seen: ConfigChange[] = [];
    config.on('change', (change) => seen.push(change));
    await config.start();
    await waitFor(() => config!.isConnected(), { timeoutMs: 10_000 });
    await writeValue(writer.url, 'orders/prod', 'batch', 20);
    await waitFor(() => config!.get('batch') === 20, { timeoutMs: 10_000 });

    // SIGTERM: graceful stop; the watch stream ends and the client starts retrying.
    expect(await processA.stop('SIGTERM')).toBe(0);
    await waitFor(() => !config!.isConnected(), { timeoutMs: 10_000 });
    for (let i = 0; i < 25; i += 1) await writeValue(writer.url, 'orders/prod', `k${i % 6}`, i);
    await deleteValue(writer.url, 'orders/prod', 'k2');
    expect(config.get('k0')).toBeUndefined();
    expect(config.staleness()).toBeGreaterThan(0);

    processA = await startConfigProcess({ ...env, INSTANCE_ID: 'config-a2' }, port);
    const expected = await snapshotOf(writer.url, 'orders/prod');
    await waitFor(() => config!.revision === expected.revision, { timeoutMs: 20_000 });
    expect(config.toObject()).toEqual(expected.values);
    await waitFor(() => config!.isConnected(), { timeoutMs: 10_000 });
    expect(config.staleness()).toBe(0);
    expect(seen.map((c) => c.revision)).toEqual(Array.from({ length: expected.revision - 1 }, (_, i) => i + 2));
    expect(seen.every((c) => c.source === 'watch')).toBe(true);

    // And it keeps following the new process.
    await writeValue(writer.url, 'orders/prod', 'batch', 30);
    await waitFor(() => config!.get('batch') === 30, { timeoutMs: 10_000 });
  });
});
