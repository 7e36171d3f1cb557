// What Node's fetch (and so every generated client) sends unasked: registry-svc gzips large
// discover answers for callers that accept it.
const AS_FETCH = { 'accept-encoding': 'gzip, deflate' };

// 1,000 instances holding 30 s leases and renewing them at a third of that, as the registrar
// does: 100 heartbeats a second, the steady state of a service that large.
const RENEWALS_PER_SECOND = 100;
const RENEWAL_TICK_MS = 50;
// Heartbeats are sent without waiting for the previous ones; past this many unanswered, a tick
// skips, so a slow registry is not buried under a backlog the bench made.
const MAX_RENEWALS_IN_FLIGHT = 64;

/** A heartbeat as service-kit's registrar sends it: it throws the answer away, so asks for none. */
const AS_REGISTRAR = { 'content-type': 'application/json', prefer: 'return=minimal' };
const REGISTRAR_BODY = '{"status":"UP"}';

/**
 * Background load: `perSecond` heartbeats, as the registrar sends them, spread over the
 * instances `ids` listed at `listUrl`, until the returned stop function is called. A discover of
 * those instances is measured while they renew, as in production.
 */
export function renewals(listUrl, ids, perSecond) {
  // Where the last run stopped: each run goes on through the instances, as a fleet's renewals
  // take turns, so that every lease is renewed in the end, not the first few hundred each time.
  let next = 0;
  return () => {
    let inFlight = 0;
    const beat = async (id) => {
      inFlight += 1;
      try {
        const response = await fetch(`${listUrl}/${id}/heartbeat`, { method: 'PUT', headers: AS_REGISTRAR, body: REGISTRAR_BODY });
        await response.arrayBuffer();
        if (response.status !== 204) throw new Error(`heartbeat of ${id} answered ${response.status}`);
      } finally {
        inFlight -= 1;
      }
    };
    const failures = [];
    const sent = [];
    const timer = setInterval(() => {
      for (let i = 0; i < (perSecond * RENEWAL_TICK_MS) / 1_000 && inFlight < MAX_RENEWALS_IN_FLIGHT; i += 1) {
        sent.push(beat(ids[next % ids.length]).catch((error) => failures.push(error)));
        next += 1;
      }
    }, RENEWAL_TICK_MS);
    return async () => {
      clearInterval(timer);
      await Promise.all(sent);
      if (failures.length > 0) throw new Error(`${failures.length} background heartbeats failed: ${failures[0].message}`);
    };
  };
}

/** registry-svc hot paths: discover (10 and 1,000 instances, also while they renew) and heartbeat. */
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
  const largeUrl = `${registry}/v1/services/bench-large/instances`;
  const largeIds = Array.from({ length: 1_000 }, (_, i) => `l-${i}`);
  for (let i = 0; i < largeIds.length; i += 50) await Promise.all(largeIds.slice(i, i + 50).map((id) => register('bench-large', id)));
  return [
    {
      id: 'discover-10',
      name: 'registry discover (10 instances)',
      request: { url: `${registry}/v1/services/bench-small/instances`, headers: AS_FETCH },
      targets: [{ baseline: 'get', ratio: 0.8 }],
      p99Ms: 5,
    },
    {
      id: 'discover-1000',
      name: 'registry discover (1,000 instances)',
      request: { url: largeUrl, headers: AS_FETCH },
      p99Ms: 5,
      note: 'one Redis round trip (one script, which answers "unchanged" while the replica\'s cached answer holds); the body is 364 KB of JSON, sent gzipped as to fetch (8 KB: the bench\'s instances are alike; real ones shrink less), both compressed and plain written from bytes cached per change',
    },
    {
      id: 'discover-1000-renewing',
      name: `registry discover (1,000 instances, ${RENEWALS_PER_SECOND} heartbeats/s among them)`,
      request: { url: largeUrl, headers: AS_FETCH },
      background: renewals(largeUrl, largeIds, RENEWALS_PER_SECOND),
      p99Ms: 5,
      note: `the same discover while the instances listed renew their leases, ${RENEWALS_PER_SECOND} heartbeats a second (a 30 s lease renewed at a third of it), sent by the bench; their CPU counts in registry-svc's (about 2 µs per discover)`,
    },
    {
      id: 'heartbeat',
      name: 'registry heartbeat',
      request: { url: `${registry}/v1/services/bench-small/instances/s-1/heartbeat`, method: 'PUT', body: '{}' },
      targets: [{ baseline: 'get', ratio: 0.8 }],
      p99Ms: 5,
    },
    {
      id: 'heartbeat-minimal',
      name: 'registry heartbeat (Prefer: return=minimal, as service-kit sends it)',
      request: { url: `${registry}/v1/services/bench-small/instances/s-2/heartbeat`, method: 'PUT', body: REGISTRAR_BODY, headers: AS_REGISTRAR },
      targets: [{ baseline: 'get', ratio: 0.8 }],
      p99Ms: 5,
      note: 'answered 204 without the instance: what every Trellis service sends to keep its own lease',
    },
  ];
}
