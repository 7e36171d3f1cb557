/** Hot paths of the other services; a service that is not running contributes nothing. */

const json = (body) => ({ 'content-type': 'application/json', body: JSON.stringify(body) });

async function call(url, method, body, headers = {}) {
  const response = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return { response, body: text ? JSON.parse(text) : undefined };
}

const oneTrip = { targets: [{ baseline: 'get', ratio: 0.8 }], p99Ms: 5 };

/** The other services' scenarios; which process answers each is in system.mjs's SCENARIO_SERVERS. */
export async function serviceScenarios({ urls }) {
  const scenarios = [];
  const session = urls['session-svc'];
  if (session) {
    const { body } = await call(`${session}/v1/sessions`, 'POST', { userId: 'bench-user', data: { cart: 3, theme: 'dark' } });
    scenarios.push({ id: 'session-get', name: 'session get (slides idle expiry)', request: { url: `${session}/v1/sessions/${body.sessionId}` }, ...oneTrip });
  }
  const state = urls['state-svc'];
  if (state) {
    await call(`${state}/v1/state/bench/doc`, 'PUT', { data: { counter: 0, owner: 'bench' } });
    scenarios.push({ id: 'state-get', name: 'state get', request: { url: `${state}/v1/state/bench/doc` }, ...oneTrip });
    // CAS put: If-Match "*" makes every put conditional on the document existing, one script.
    scenarios.push({
      id: 'state-cas-put',
      name: 'state conditional put (If-Match)',
      request: { url: `${state}/v1/state/bench/doc`, method: 'PUT', body: JSON.stringify({ data: { counter: 1 } }), headers: { 'if-match': '*' } },
      ...oneTrip,
    });
  }
  const config = urls['config-svc'];
  if (config) {
    await call(`${config}/v1/config/bench%2Fprod/timeout`, 'PUT', { value: { ms: 250, retries: 2 } });
    scenarios.push({ id: 'config-get', name: 'config get', request: { url: `${config}/v1/config/bench%2Fprod/timeout` }, ...oneTrip });
  }
  const flags = urls['flags-svc'];
  if (flags) {
    await call(`${flags}/v1/flags/bench-rollout`, 'PUT', {
      enabled: true,
      strategies: [
        {
          name: 'flexibleRollout',
          parameters: { rollout: '50', stickiness: 'userId', groupId: 'bench-rollout' },
          constraints: [{ contextName: 'country', operator: 'IN', values: ['NO', 'SE', 'DK'] }],
        },
      ],
    });
    for (let i = 0; i < 20; i += 1) await call(`${flags}/v1/flags/bench-${i}`, 'PUT', { enabled: i % 2 === 0, strategies: [{ name: 'default' }] });
    const contexts = Array.from({ length: 200 }, (_, i) => JSON.stringify({ context: { targetingKey: `user-${i}`, country: 'NO' } }));
    const fromMemory = { targets: [{ baseline: 'hello', ratio: 0.7 }] };
    scenarios.push({ id: 'ofrep-single', name: 'flags OFREP single evaluation', request: { url: `${flags}/ofrep/v1/evaluate/flags/bench-rollout`, method: 'POST', bodies: contexts }, ...fromMemory });
    scenarios.push({ id: 'ofrep-bulk', name: 'flags OFREP bulk evaluation (21 flags)', request: { url: `${flags}/ofrep/v1/evaluate/flags`, method: 'POST', bodies: contexts }, ...fromMemory });
  }
  const limits = urls['limits-svc'];
  if (limits) {
    // rate-limiter-flexible's RateLimiterRedis counts fixed windows: compare like with like, and
    // show the sliding window (what limits-svc users usually pick) beside it.
    await call(`${limits}/v1/policies/bench-open-fixed`, 'PUT', { algorithm: 'fixed-window', limit: 1_000_000_000, windowSeconds: 60, failMode: 'open' });
    await call(`${limits}/v1/policies/bench-open`, 'PUT', { algorithm: 'sliding-window', limit: 1_000_000_000, windowSeconds: 60, failMode: 'open' });
    await call(`${limits}/v1/policies/bench-tight`, 'PUT', { algorithm: 'fixed-window', limit: 1, windowSeconds: 3_600, failMode: 'open' });
    const keys = Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ key: `user-${i}` }));
    scenarios.push({
      id: 'limits-allowed',
      name: 'limits check (allowed; fixed window, as rate-limiter-flexible)',
      request: { url: `${limits}/v1/policies/bench-open-fixed/check`, method: 'POST', bodies: keys },
      targets: [{ baseline: 'rlf', ratio: 1.0 }],
      p99Ms: 5,
    });
    scenarios.push({
      id: 'limits-allowed-sliding',
      name: 'limits check (allowed; sliding window)',
      request: { url: `${limits}/v1/policies/bench-open/check`, method: 'POST', bodies: keys },
      targets: [{ baseline: 'rlf', ratio: 1.0 }],
      p99Ms: 5,
    });
    // A flood of denied calls on keys already over their limit: the in-process cache answers.
    for (let i = 0; i < 50; i += 1) await fetch(`${limits}/v1/policies/bench-tight/check`, { method: 'POST', ...json({ key: `flood-${i}` }) });
    scenarios.push({
      id: 'limits-denied',
      name: 'limits check (flood of denied calls)',
      request: { url: `${limits}/v1/policies/bench-tight/check`, method: 'POST', bodies: Array.from({ length: 50 }, (_, i) => JSON.stringify({ key: `flood-${i}` })) },
      targets: [{ baseline: 'rlf-denied', ratio: 1.5 }],
      note: 'answers are 429 by design: non-2xx counts here are the denials being measured',
    });
  }
  return scenarios;
}
