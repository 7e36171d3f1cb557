import { exactQuantile, RELATIVE_ERROR, seededRandom } from '@trellis/mesh-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, meshEnv, type RunningApp, startMesh } from './helpers.js';

describe('call metrics', () => {
  let replicas: RunningApp[];
  beforeAll(async () => {
    // Two replicas on one key space, as two mesh-svc processes of one deployment would be.
    const env = meshEnv();
    replicas = await Promise.all([startMesh(env), startMesh(env)]);
  });
  afterAll(() => Promise.all(replicas.map((replica) => replica.close())));

  const report = (replica: RunningApp, body: unknown) =>
    fetch(`${replica.url}/v1/metrics/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('percentiles merged across replicas match the raw samples within the bucket error', async () => {
    const random = seededRandom(99);
    const samples: number[] = [];
    const batches: { destination: string; status: number; latencyMs: number; agoMs: number }[][] = [];
    let failures = 0;
    for (let b = 0; b < 40; b += 1) {
      const batch = [];
      for (let i = 0; i < 250; i += 1) {
        // Log-normal-ish latency around 15 ms with a long tail; 3 % failures.
        const latencyMs = Math.round(Math.exp(Math.log(15) + (random() + random() + random() - 1.5) * 2) * 1_000) / 1_000;
        const status = random() < 0.03 ? 503 : 200;
        if (status >= 500) failures += 1;
        samples.push(latencyMs);
        batch.push({ destination: 'inventory', status, latencyMs, agoMs: Math.floor(random() * 20_000) });
      }
      batches.push(batch);
    }
    // Every batch to one replica or the other, all at once.
    const responses = await Promise.all(batches.map((calls, i) => report(replicas[i % 2]!, { source: 'web', calls })));
    expect(responses.map((r) => r.status)).toEqual(batches.map(() => 202));

    for (const replica of replicas) {
      const metrics = await body(fetch(`${replica.url}/v1/metrics/web/inventory?window=5m`));
      expect(metrics.requests).toBe(10_000);
      expect(metrics.failures).toBe(failures);
      expect(metrics.successRate).toBeCloseTo((10_000 - failures) / 10_000, 6);
      expect(metrics.rps).toBeGreaterThan(10_000 / 360);
      expect(metrics.rps).toBeLessThanOrEqual(10_000 / 300);
      for (const [name, p] of [['p50', 0.5], ['p95', 0.95], ['p99', 0.99]] as const) {
        const exact = exactQuantile(samples, p)!;
        // Rounded to 3 decimals by the API.
        expect(Math.abs(metrics.latencyMs[name] - exact) / exact, name).toBeLessThanOrEqual(RELATIVE_ERROR + 0.001);
      }
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      expect(metrics.latencyMs.mean).toBeCloseTo(mean, 2);
    }
  });

  it('keeps sources apart, sums them under *, and files calls by their age', async () => {
    await report(replicas[0]!, { source: 'web', calls: [{ destination: 'ledger', status: 200, latencyMs: 5 }] });
    await report(replicas[1]!, { calls: [{ destination: 'ledger', status: 500, latencyMs: 50 }, { source: 'batch', destination: 'ledger', status: 0, latencyMs: 500 }] });
    // Ended 10 minutes ago: inside the hour, outside 5 minutes.
    await report(replicas[0]!, { source: 'web', calls: [{ destination: 'ledger', status: 200, latencyMs: 7, agoMs: 600_000 }] });
    const get = async (source: string, window = '5m') => body(fetch(`${replicas[1]!.url}/v1/metrics/${source}/ledger?window=${window}`));
    expect(await get('web')).toMatchObject({ requests: 1, failures: 0, successRate: 1 });
    expect(await get('anonymous')).toMatchObject({ requests: 1, failures: 1, successRate: 0 });
    expect(await get('batch')).toMatchObject({ requests: 1, failures: 1 });
    expect(await get('%2A')).toMatchObject({ source: '*', requests: 3, failures: 2 });
    expect(await get('web', '1h')).toMatchObject({ requests: 2 });
    const empty = await get('nobody');
    expect(empty).toMatchObject({ requests: 0, rps: 0, successRate: null, latencyMs: { p50: null, p95: null, p99: null, mean: null } });
  });

  it('rejects bad reports with 4xx problem+json', async () => {
    const bad = [
      {},
      { calls: [] },
      { calls: [{ destination: 'x', status: 200 }] },
      { calls: [{ destination: 'x', status: 700, latencyMs: 1 }] },
      { calls: [{ destination: 'x', status: 200, latencyMs: -1 }] },
      { calls: [{ destination: 'x', status: 200, latencyMs: 1, agoMs: 7_200_000 }] },
      { calls: [{ destination: 'X!', status: 200, latencyMs: 1 }] },
      { source: 'Web', calls: [{ destination: 'x', status: 200, latencyMs: 1 }] },
      { calls: Array.from({ length: 5_001 }, () => ({ destination: 'x', status: 200, latencyMs: 1 })) },
    ];
    for (const body of bad) {
      const response = await report(replicas[0]!, body);
      expect(response.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const notJson = await fetch(`${replicas[0]!.url}/v1/metrics/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});
