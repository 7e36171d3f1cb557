import { probeRedis, type RedisClient } from '@trellis/redis-core';
import type { FastifyInstance } from 'fastify';
import type { Registrar } from './registrar.js';

export interface ProbeState {
  draining: boolean;
  registrar: Registrar | undefined;
}

type HealthStatus = 'pass' | 'warn' | 'fail';

/**
 * /livez: the process answers. /readyz: it can serve (Redis reachable, not draining).
 * /health: application/health+json (draft-inadarei-api-health-check) with the details.
 */
export function registerProbes(
  app: FastifyInstance,
  redis: RedisClient,
  service: { name: string; version: string; instanceId: string },
  state: ProbeState,
): void {
  const probeOptions = { config: { public: true }, schema: { hide: true }, logLevel: 'warn' as const };

  app.get('/livez', probeOptions, async () => ({ status: 'pass' }));

  app.get('/readyz', probeOptions, async (_request, reply) => {
    const redisProbe = await probeRedis(redis);
    const ready = redisProbe.ok && !state.draining;
    reply.code(ready ? 200 : 503).header('cache-control', 'no-store');
    return {
      status: ready ? 'pass' : 'fail',
      redis: redisProbe.ok ? 'up' : 'down',
      draining: state.draining,
    };
  });

  app.get('/health', probeOptions, async (_request, reply) => {
    const now = new Date().toISOString();
    const redisProbe = await probeRedis(redis);
    const registration = state.registrar?.status();
    const registrationStatus: HealthStatus = !registration || registration.registered ? 'pass' : 'warn';
    let status: HealthStatus = redisProbe.ok ? registrationStatus : 'fail';
    if (state.draining) status = 'fail';
    reply
      .code(status === 'fail' ? 503 : 200)
      .type('application/health+json')
      .header('cache-control', 'no-store');
    return {
      status,
      version: service.version.split('.')[0],
      releaseId: service.version,
      serviceId: service.instanceId,
      description: service.name,
      checks: {
        'redis:responseTime': [
          {
            componentType: 'datastore',
            status: redisProbe.ok ? 'pass' : 'fail',
            observedValue: Math.round(redisProbe.latencyMs * 1_000) / 1_000,
            observedUnit: 'ms',
            time: now,
            ...(redisProbe.error ? { output: redisProbe.error } : {}),
          },
        ],
        ...(registration
          ? {
              'registry:registration': [
                {
                  componentType: 'component',
                  status: registrationStatus,
                  observedValue: registration.registered,
                  time: now,
                  ...(registration.lastError ? { output: registration.lastError } : {}),
                },
              ],
            }
          : {}),
      },
    };
  });
}
