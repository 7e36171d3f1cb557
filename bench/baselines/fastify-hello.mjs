// Baseline: the fastest a Fastify route can answer on this machine.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT) });
// A clean exit on SIGTERM: node writes the CPU profile of `pnpm bench:profile` only at exit.
process.once('SIGTERM', () => app.close().then(() => process.exit(0)));
