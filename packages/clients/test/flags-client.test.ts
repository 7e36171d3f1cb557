import { freePort, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FlagsChange, FlagsClient } from '../src/flags/index.js';
import { api, flagsEnv, putFlag, type RunningFlags, startFlags } from './flags-helpers.js';

describe('FlagsClient', () => {
  const env = flagsEnv({ EVENT_STREAM_MAX_LENGTH: '100' });
  let flags: RunningFlags;
  beforeAll(async () => {
    flags = await startFlags(env);
  });
  afterAll(() => flags.close());

  it('evaluates locally: a 10% rollout enables 10% ± 0.5% of 100,000 users, each always the same', async () => {
    await putFlag(flags.url, 'sdk', 'rollout', { enabled: true, strategies: [{ name: 'percentage', percentage: 10 }] });
    const client = new FlagsClient({ baseUrl: flags.url, environment: 'sdk', usageReportIntervalMs: 0 });
    await client.start();
    try {
      let on = 0;
      const answers: boolean[] = [];
      for (let i = 0; i < 100_000; i += 1) {
        const enabled = client.isEnabled('rollout', { targetingKey: `user-${i}` });
        answers.push(enabled);
        if (enabled) on += 1;
      }
      expect(on / 100_000).toBeGreaterThanOrEqual(0.095);
      expect(on / 100_000).toBeLessThanOrEqual(0.105);
      for (let i = 0; i < 100_000; i += 101) expect(client.isEnabled('rollout', { targetingKey: `user-${i}` })).toBe(answers[i]);
      // The server, evaluating for the same users, agrees.
      for (let i = 0; i < 200; i += 1) {
        const server = await api<{ value: boolean }>(flags.url, 'POST', '/ofrep/v1/evaluate/flags/rollout?environment=sdk', {
          context: { targetingKey: `user-${i}` },
        });
        expect(server.body.value).toBe(answers[i]);
      }
    } finally {
      await client.close();
    }
  });

  it('a flag change reaches a watching client', async () => {
    const client = new FlagsClient({ baseUrl: flags.url, environment: 'live', usageReportIntervalMs: 0 });
    await client.start();
    try {
      expect(client.evaluate('dark-mode').errorCode).toBe('FLAG_NOT_FOUND');
      const changes: FlagsChange[] = [];
      client.onChange((change) => changes.push(change));
      const revision = await putFlag(flags.url, 'live', 'dark-mode', { enabled: true, strategies: [] });
      await client.waitForRevision(revision);
      expect(client.isEnabled('dark-mode')).toBe(true);
      expect(changes).toEqual([{ revision, flags: ['dark-mode'] }]);
      expect(client.isConnected).toBe(true);
      expect(client.stalenessMs).toBe(0);

      const off = await api<{ meta: { modRevision: number } }>(flags.url, 'POST', '/v1/flags/dark-mode/disable?environment=live');
      await client.waitForRevision(off.body.meta.modRevision);
      expect(client.evaluate('dark-mode')).toMatchObject({ enabled: false, reason: 'DISABLED' });
    } finally {
      await client.close();
    }
  });

  it('a disconnected client resumes from its revision and misses nothing', async () => {
    const port = await freePort();
    let server = await startFlags(env, port);
    const client = new FlagsClient({ baseUrl: server.url, environment: 'resume', retryMs: 200, usageReportIntervalMs: 0 });
    const seen: number[] = [];
    client.onEvent((event) => seen.push(event.revision));
    await client.start();
    try {
      const first = await putFlag(server.url, 'resume', 'f0', { enabled: true, strategies: [] });
      await client.waitForRevision(first);

      // The instance the client watches goes away; changes go on through another instance.
      await server.close();
      await waitFor(() => !client.isConnected, { timeoutMs: 15_000 });
      const other = await startFlags(env);
      let last = first;
      try {
        for (let i = 1; i <= 12; i += 1) last = await putFlag(other.url, 'resume', `f${i % 4}`, { enabled: true, description: `v${i}`, strategies: [] });
        await api(other.url, 'DELETE', '/v1/flags/f3?environment=resume');
        last += 1;
      } finally {
        await other.close();
      }
      expect(client.stalenessMs).toBeGreaterThan(0);

      server = await startFlags(env, port);
      await client.waitForRevision(last, 20_000);
      // Every revision, in order, exactly once (no re-list happened: the history was there).
      expect(seen).toEqual(Array.from({ length: last - first + 1 }, (_, i) => first + i));
      const exported = await api<{ features: { name: string; description: string | null }[] }>(
        server.url,
        'GET',
        '/v1/flags/export?environment=resume',
      );
      expect(client.document.features.map((f) => [f.name, f.description]).sort()).toEqual(
        exported.body.features.map((f) => [f.name, f.description]).sort(),
      );
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('re-reads the document when the history it needs was trimmed', async () => {
    const port = await freePort();
    let server = await startFlags(env, port);
    const client = new FlagsClient({ baseUrl: server.url, environment: 'trimmed', retryMs: 200, usageReportIntervalMs: 0 });
    await client.start();
    try {
      await server.close();
      const other = await startFlags(env);
      let last = 0;
      try {
        // Far more changes than the stream keeps (EVENT_STREAM_MAX_LENGTH=100).
        for (let i = 0; i < 300; i += 1) {
          last = await putFlag(other.url, 'trimmed', `t${i % 5}`, { enabled: true, description: `v${i}`, strategies: [] });
        }
      } finally {
        await other.close();
      }
      server = await startFlags(env, port);
      await client.waitForRevision(last, 20_000);
      expect(client.document.features.map((f) => f.description).sort()).toEqual(['v295', 'v296', 'v297', 'v298', 'v299']);
    } finally {
      await client.close();
      await server.close();
    }
  });

  it('reports its evaluation counts to flags-svc', async () => {
    await putFlag(flags.url, 'metrics', 'm', { enabled: true, strategies: [{ name: 'user_list', userIds: ['a'] }] });
    const client = new FlagsClient({ baseUrl: flags.url, environment: 'metrics', usageReportIntervalMs: 0, appName: 'test' });
    await client.start();
    for (const user of ['a', 'b', 'a']) client.isEnabled('m', { userId: user });
    await client.reportUsage();
    await client.close();
    const usage = await api<{ totals: { yes: number; no: number } }>(flags.url, 'GET', '/v1/flags/m/usage?environment=metrics&minutes=5');
    expect(usage.body.totals).toMatchObject({ yes: 2, no: 1 });
  });
});
