/** registry-svc hot paths: discover (10 and 1,000 instances) and heartbeat. */
export async function registryScenarios({ urls }) {
  const registry = urls['registry-svc'];
  if (!registry) return [];
  const register = (service, id) =>
    fetch(`${registry}/v1/services/${service}/instances/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ host: '127.0.0.1', port: 9000, ttlSeconds: 300, tags: ['bench'], metadata: { zone: 'a' } }),
    });
  for (let i = 0; i < 10; i += 1) await register('bench-small', `s-${i}`);
  for (let i = 0; i < 1_000; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, j) => register('bench-large', `l-${i + j}`)));
  }
  return [
    {
      id: 'discover-10',
      name: 'registry discover (10 instances)',
      request: { url: `${registry}/v1/services/bench-small/instances` },
      targets: [{ baseline: 'get', ratio: 0.8 }],
      p99Ms: 5,
    },
    {
      id: 'discover-1000',
      name: 'registry discover (1,000 instances)',
      request: { url: `${registry}/v1/services/bench-large/instances` },
      p99Ms: 5,
      note: 'one Redis round trip (one script, which answers "unchanged" while the replica\'s cached answer holds); the body is ~400 KB, written from the cached bytes',
    },
    {
      id: 'heartbeat',
      name: 'registry heartbeat',
      request: { url: `${registry}/v1/services/bench-small/instances/s-1/heartbeat`, method: 'PUT', body: '{}' },
      targets: [{ baseline: 'get', ratio: 0.8 }],
      p99Ms: 5,
    },
  ];
}
