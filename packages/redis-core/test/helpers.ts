import { inject } from 'vitest';
import '@trellis/testkit';
import { connectRedis, createBlockingConnection, createRedis, type RedisClient, type RedisConnectionConfig } from '../src/index.js';

/** The Redis the global setup started for this run (standalone or cluster). */
export function testConnection(): RedisConnectionConfig {
  return inject('redisTopology') as RedisConnectionConfig;
}

export async function connectTestRedis(): Promise<RedisClient> {
  const client = createRedis(testConnection());
  await connectRedis(client);
  return client;
}

export function blockingFactory(): () => RedisClient {
  return () => createBlockingConnection(testConnection());
}
