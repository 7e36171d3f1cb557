import type { RedisClient } from './connection.js';

export interface ProbeResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

/** PING with a deadline: a health check must answer even when Redis does not. */
export async function probeRedis(client: RedisClient, timeoutMs = 500): Promise<ProbeResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no PONG within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([client.ping(), timeout]);
    return { ok: true, latencyMs: performance.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: performance.now() - started, error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
