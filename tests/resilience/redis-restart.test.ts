import { type RunningStack, startStack, waitFor } from '@trellis/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Probe, probesFor } from '../src/probes.js';

interface Timed {
  status: number;
  ms: number;
  contentType: string | null;
  retryAfter: string | null;
}

async function timed(probe: Probe, url: string): Promise<Timed> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}${probe.path}`, {
      method: probe.method,
      headers: probe.body === undefined ? {} : { 'content-type': 'application/json' },
      ...(probe.body === undefined ? {} : { body: JSON.stringify(probe.body()) }),
      signal: AbortSignal.timeout(5_000),
    });
    await response.arrayBuffer();
    return {
      status: response.status,
      ms: performance.now() - started,
      contentType: response.headers.get('content-type'),
      retryAfter: response.headers.get('retry-after'),
    };
  } catch {
    return { status: 0, ms: performance.now() - started, contentType: null, retryAfter: null };
  }
}

describe('Redis killed under load and restarted (AOF, appendfsync always)', () => {
  let stack: RunningStack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack?.stop());

  it('answers 503 + Retry-After within 1 s while Redis is down, recovers within 2 s, and keeps every acknowledged write', async () => {
    const registry = stack.registryUrl;
    const state = stack.urls['state-svc'];
    const acknowledged: string[] = [];
    const acknowledgedDocs: string[] = [];
    let running = true;
    let sequence = 0;
    const put = async (url: string, body: unknown) => {
      try {
        const response = await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5_000),
        });
        await response.arrayBuffer();
        return response.ok;
      } catch {
        return false;
      }
    };
    // Load: writers registering instances and writing documents; each 2xx is an acknowledged write.
    const writers = Array.from({ length: 8 }, async (_, writer) => {
      while (running) {
        const id = `w-${sequence++}`;
        if (writer % 2 === 0 || !state) {
          if (await put(`${registry}/v1/services/load/instances/${id}`, { host: '127.0.0.1', port: 9000, ttlSeconds: 300 })) {
            acknowledged.push(id);
          }
        } else if (await put(`${state}/v1/state/load/${id}`, { data: { id } })) {
          acknowledgedDocs.push(id);
        }
      }
    });
    await waitFor(() => acknowledged.length > 50, { timeoutMs: 10_000 });

    await stack.redis!.kill('SIGKILL');
    const probes = probesFor(stack.urls);
    // Give in-flight commands a moment to fail, then every service must answer 503 quickly.
    await new Promise((r) => setTimeout(r, 200));
    for (const { service, probe, url } of probes) {
      const result = await timed(probe, url);
      expect(result.status, `${service} ${probe.method} ${probe.path} while Redis is down`).toBe(503);
      expect(result.ms, `${service} answered within 1 s`).toBeLessThan(1_000);
      expect(result.contentType, service).toMatch(/^application\/problem\+json/);
      expect(Number(result.retryAfter), service).toBeGreaterThan(0);
    }
    const ackedBeforeRestart = acknowledged.length;
    const docsBeforeRestart = acknowledgedDocs.length;

    await stack.redis!.restart();
    const restartedAt = Date.now();
    await Promise.all(
      probes.map(({ service, probe, url }) =>
        waitFor(async () => ((await timed(probe, url)).status < 500 ? true : undefined), {
          timeoutMs: 5_000,
          intervalMs: 50,
          message: `${service} recovered`,
        }),
      ),
    );
    const recoveryMs = Date.now() - restartedAt;
    expect(recoveryMs, 'every service serves again within 2 s of Redis returning').toBeLessThan(2_000);
    running = false;
    await Promise.all(writers);

    // Every write acknowledged before the kill survived it (AOF with appendfsync always).
    const listed = (await (await fetch(`${registry}/v1/services/load/instances`)).json()) as { instances: { instanceId: string }[] };
    const present = new Set(listed.instances.map((i) => i.instanceId));
    const lost = acknowledged.slice(0, ackedBeforeRestart).filter((id) => !present.has(id));
    expect(lost, `${ackedBeforeRestart} acknowledged writes before the kill`).toEqual([]);
    expect(ackedBeforeRestart).toBeGreaterThan(50);
    if (state) {
      const missingDocs: string[] = [];
      for (const id of acknowledgedDocs.slice(0, docsBeforeRestart)) {
        const response = await fetch(`${state}/v1/state/load/${id}`);
        await response.arrayBuffer();
        if (response.status !== 200) missingDocs.push(id);
      }
      expect(missingDocs, `${docsBeforeRestart} acknowledged documents before the kill`).toEqual([]);
      expect(docsBeforeRestart).toBeGreaterThan(20);
    }
  });
});
