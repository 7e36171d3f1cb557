import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ChildProcessHandle, startProcess } from './child-process.js';
import { freePort } from './free-port.js';
import { randomPrefix } from './random-prefix.js';
import { redisEnv } from './redis-env.js';
import { type RedisServer, startRedis } from './redis-server.js';
import type { RedisTopology } from './types.js';

/** The services in start order: registry-svc first, since every other one registers with it. */
export const SERVICE_NAMES = [
  'registry-svc',
  'health-svc',
  'mesh-svc',
  'session-svc',
  'config-svc',
  'flags-svc',
  'limits-svc',
  'state-svc',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function serviceEntry(name: string): string {
  return join(REPO_ROOT, 'services', name, 'dist', 'server.js');
}

export interface StackOptions {
  /** Which services to run (default: every one that is built). */
  services?: readonly string[];
  /** An existing Redis; default: a fresh redis-server with AOF and appendfsync always. */
  redis?: RedisTopology;
  /** Extra environment for every service, and per service. */
  env?: Record<string, string>;
  serviceEnv?: Partial<Record<string, Record<string, string>>>;
  /** Write each service's logs to `<logDir>/<service>.log` instead of keeping them in memory. */
  logDir?: string;
}

export interface RunningStack {
  topology: RedisTopology;
  /** The Redis this stack started (undefined when one was passed in). */
  redis: RedisServer | undefined;
  urls: Record<string, string>;
  registryUrl: string;
  processes: Record<string, ChildProcessHandle>;
  keyPrefix: string;
  /** Starts a stopped (or killed) service again on the same port. */
  restart(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole system as separate processes, the way `npm run up` runs it: Redis, registry-svc,
 * then the others in parallel, each registering itself. Ports are free loopback ports.
 */
export async function startStack(options: StackOptions = {}): Promise<RunningStack> {
  const wanted = (options.services ?? SERVICE_NAMES).filter((name) => existsSync(serviceEntry(name)));
  if (!wanted.includes('registry-svc')) throw new Error('startStack: registry-svc is not built (run the build first)');
  const redis = options.redis ? undefined : await startRedis({ appendonly: true, appendfsync: 'always' });
  const topology: RedisTopology = options.redis ?? { kind: 'standalone', url: redis!.url };
  const keyPrefix = randomPrefix();
  const ports = Object.fromEntries(await Promise.all(wanted.map(async (name) => [name, await freePort()] as const)));
  const urls = Object.fromEntries(wanted.map((name) => [name, `http://127.0.0.1:${ports[name]}`]));
  const registryUrl = urls['registry-svc']!;
  const processes: Record<string, ChildProcessHandle> = {};

  const launch = async (name: string) => {
    processes[name] = await startProcess({
      command: process.execPath,
      args: [serviceEntry(name)],
      env: {
        ...redisEnv(topology),
        HOST: '127.0.0.1',
        PORT: String(ports[name]),
        REGISTRY_URL: registryUrl,
        TRELLIS_KEY_PREFIX: keyPrefix,
        INSTANCE_ID: `${name}-1`,
        LOG_LEVEL: 'warn',
        ...options.env,
        ...(options.serviceEnv?.[name] ?? {}),
      },
      readyUrl: `${urls[name]}/readyz`,
      ...(options.logDir ? { logFile: join(options.logDir, `${name}.log`) } : {}),
    });
  };

  try {
    await launch('registry-svc');
    await Promise.all(wanted.filter((name) => name !== 'registry-svc').map(launch));
  } catch (error) {
    await Promise.all(Object.values(processes).map((p) => p.stop()));
    await redis?.stop();
    throw error;
  }

  return {
    topology,
    redis,
    urls,
    registryUrl,
    processes,
    keyPrefix,
    restart: launch,
    async stop() {
      const others = wanted.filter((name) => name !== 'registry-svc');
      await Promise.all(others.map((name) => processes[name]?.stop()));
      await processes['registry-svc']?.stop();
      await redis?.stop();
    },
  };
}
