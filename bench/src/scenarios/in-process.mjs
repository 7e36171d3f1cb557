import { ConfigClient, FlagsClient } from '@trellis/clients';
import { percentile, round } from '../stats.mjs';

/** Measurements that are not HTTP throughput: SDK evaluation rate, write-to-watcher latency. */
export async function inProcessBenchmarks({ urls, baselines }) {
  const results = [];
  if (urls['flags-svc']) results.push(await sdkEvaluationRate(urls['flags-svc']));
  if (urls['config-svc']) {
    results.push(await roundTripFloor(baselines.hello));
    results.push(...(await configPropagation(urls['config-svc'])));
  }
  return results;
}

/**
 * The latency floor of any one request on this host: one GET at a time to bare Fastify, through
 * the same fetch the watch measurement uses. A write-to-watcher latency cannot be below it.
 */
async function roundTripFloor(helloUrl) {
  const latencies = [];
  for (let i = 0; i < 1_100; i += 1) {
    const started = performance.now();
    const response = await fetch(`${helloUrl}/hello`);
    await response.arrayBuffer();
    if (i >= 100) latencies.push(performance.now() - started);
  }
  return {
    name: 'floor: one request at a time to bare Fastify hello (1,000 round trips, same fetch)',
    value: `p50 ${round(percentile(latencies, 50))} ms, p99 ${round(percentile(latencies, 99))} ms`,
  };
}

async function sdkEvaluationRate(baseUrl) {
  const client = new FlagsClient({ baseUrl, usageReportIntervalMs: 0 });
  await client.start();
  const contexts = Array.from({ length: 4_096 }, (_, i) => ({ userId: `user-${i}`, country: i % 3 ? 'NO' : 'US' }));
  let enabled = 0;
  const run = (n) => {
    for (let i = 0; i < n; i += 1) if (client.isEnabled('bench-rollout', contexts[i & 4095])) enabled += 1;
  };
  run(2_000_000); // warm-up: let the JIT settle
  const rates = [];
  for (let round = 0; round < 3; round += 1) {
    const n = 5_000_000;
    const started = process.hrtime.bigint();
    run(n);
    rates.push(n / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  await client.close();
  const rate = rates.sort((a, b) => a - b)[1];
  return {
    name: 'SDK local evaluation, flexibleRollout + 1 constraint (FlagsClient.isEnabled)',
    value: `${round(rate / 1e6, 2)} M evals/s (min ${round(rates[0] / 1e6, 2)}, max ${round(rates[2] / 1e6, 2)}; ${enabled > 0 ? 'some' : 'no'} enabled)`,
    target: '≥ 2 M evals/s',
    verdict: rate >= 2e6 * 0.85 ? 'met' : 'MISSED',
  };
}

async function configPropagation(baseUrl) {
  const namespace = 'bench/watch';
  const watcher = new ConfigClient({ baseUrl, namespace });
  await watcher.start();
  const latencies = [];
  let resolveSeen;
  watcher.on('change', () => resolveSeen?.());
  for (let i = 0; i < 1_100; i += 1) {
    const seen = new Promise((resolve) => {
      resolveSeen = resolve;
    });
    const started = performance.now();
    const response = await fetch(`${baseUrl}/v1/config/${encodeURIComponent(namespace)}/key-${i % 10}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ value: i }),
    });
    await response.arrayBuffer();
    await seen;
    if (i >= 100) latencies.push(performance.now() - started); // the first 100 warm up
  }
  watcher.close();
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  return [
    {
      name: 'config write → watching ConfigClient (1,000 writes, from PUT start to change event)',
      value: `p50 ${round(p50)} ms, p99 ${round(p99)} ms`,
      target: 'p99 ≤ 3 ms',
      verdict: p99 <= 3 ? 'met' : 'MISSED',
    },
  ];
}
