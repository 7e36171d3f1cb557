import { buildApp } from '@trellis/registry-svc/app';
import { loadConfig } from '@trellis/registry-svc/config';
import type { TrellisApp } from '@trellis/service-kit';
import { serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';

export interface RunningRegistry {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real registry-svc in this process on a free loopback port, on the run's test Redis. */
export const startRegistry = (env: Record<string, string> = {}): Promise<RunningRegistry> =>
  startInProcess({ loadConfig, buildApp, env: serviceTestEnv({ REAPER_INTERVAL_MS: '100' }, env) });
