// Baseline: what users pick for rate limits today — rate-limiter-flexible's RateLimiterRedis
// behind a Fastify route, one key per request as limits-svc checks it.
import Fastify from 'fastify';
import { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';

// As rate-limiter-flexible's documentation sets it up; ioredis's other options at their defaults,
// as the services have them (no auto-pipelining: bench/FINDINGS.md).
const redis = new Redis(process.env.REDIS_URL, { enableOfflineQueue: false });
await new Promise((resolve) => redis.once('ready', resolve));
const limiter = new RateLimiterRedis({
  storeClient: redis,
  keyPrefix: 'bench-rlf',
  points: Number(process.env.LIMIT ?? 1_000_000_000),
  duration: 60,
});
const app = Fastify({ logger: { level: 'info' } });
app.post('/check', async (request, reply) => {
  const key = request.body?.key ?? 'k';
  try {
    const result = await limiter.consume(key, 1);
    return { allowed: true, remaining: result.remainingPoints };
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    reply.code(429).header('retry-after', Math.ceil(rejection.msBeforeNext / 1000));
    return { allowed: false, remaining: 0 };
  }
});
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
// A clean exit on SIGTERM: node writes the CPU profile of `pnpm bench:profile` only at exit.
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
