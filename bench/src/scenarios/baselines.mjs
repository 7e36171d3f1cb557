import { fileURLToPath } from 'node:url';

const baseline = (file) => fileURLToPath(new URL(`../../baselines/${file}`, import.meta.url));

/** Processes the baselines need, started beside the services. */
export const baselineProcesses = [
  { name: 'hello', script: baseline('fastify-hello.mjs'), ready: '/hello' },
  { name: 'redis-get', script: baseline('fastify-redis-get.mjs'), ready: '/get' },
  { name: 'rlf', script: baseline('fastify-rate-limiter-flexible.mjs'), ready: null },
];

export function baselineScenarios({ baselines }) {
  const keys = Array.from({ length: 1_000 }, (_, i) => JSON.stringify({ key: `user-${i}` }));
  return [
    { id: 'hello', name: 'Fastify hello world', request: { url: `${baselines.hello}/hello` } },
    { id: 'get', name: 'Fastify + one ioredis GET', request: { url: `${baselines['redis-get']}/get` } },
    {
      id: 'rlf',
      name: 'Fastify + rate-limiter-flexible (allowed)',
      request: { url: `${baselines.rlf}/check`, method: 'POST', bodies: keys },
    },
  ];
}
