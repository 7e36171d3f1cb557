// Baseline: a Fastify route doing one ioredis GET — the floor of any one-round-trip service.
// Logs requests at info, like the services do, so the comparison is fair.
import Fastify from 'fastify';
import { Redis } from 'ioredis';

// ioredis as users create it and as the services do: without auto-pipelining (bench/FINDINGS.md).
const redis = new Redis(process.env.REDIS_URL);
await redis.set('bench:baseline:key', JSON.stringify({ value: 'x'.repeat(64) }));
const app = Fastify({ logger: { level: 'info' } });
app.get('/get', async () => JSON.parse((await redis.get('bench:baseline:key')) ?? '{}'));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
// A clean exit on SIGTERM: node writes the CPU profile of `pnpm bench:profile` only at exit.
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
