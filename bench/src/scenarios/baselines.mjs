import { fileURLToPath } from 'node:url';

const baseline = (file) => fileURLToPath(new URL(`../../baselines/${file}`, import.meta.url));

/** Processes the baselines need, started beside the services. */
export const baselineProcesses = [
  { name: 'hello', script: baseline('fastify-hello.mjs'), ready: '/hello' },
  { name: 'redis-get', script: baseline('fastify-redis-get.mjs'), ready: '/get' },
  { name: 'rlf', script: baseline('fastify-rate-limiter-flexible.mjs'), ready: null },
  // The same route with a limit of 1: every key below is over it, so each call is a denial.
  { name: 'rlf-tight', script: baseline('fastify-rate-limiter-flexible.mjs'), ready: null, env: { LIMIT: '1' } },
];

/** The baselines' scenarios; which process answers each is in system.mjs's SCENARIO_SERVERS. */
export function baselineScenarios({ baselines }) {
  const keys = Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ key: `user-${i}` }));
  const floodKeys = Array.from({ length: 50 }, (_, i) => JSON.stringify({ key: `flood-${i}` }));
  return [
    { id: 'hello', name: 'Fastify hello world', request: { url: `${baselines.hello}/hello` } },
    { id: 'get', name: 'Fastify + one ioredis GET', request: { url: `${baselines['redis-get']}/get` } },
    {
      id: 'rlf',
      name: 'Fastify + rate-limiter-flexible (allowed)',
      request: { url: `${baselines.rlf}/check`, method: 'POST', bodies: keys },
    },
    {
      id: 'rlf-denied',
      name: 'Fastify + rate-limiter-flexible (flood of denied calls)',
      request: { url: `${baselines['rlf-tight']}/check`, method: 'POST', bodies: floodKeys },
      note: 'answers are 429 by design, as in limits-svc\'s flood',
    },
  ];
}
