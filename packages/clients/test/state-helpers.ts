import type { TrellisApp } from '@trellis/service-kit';
import { serviceTestEnv, startInProcess } from '@trellis/service-kit/testing';
import { buildApp, loadConfig } from '@trellis/state-svc';

export function stateEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return serviceTestEnv({}, overrides);
}

export interface RunningStateSvc {
  app: TrellisApp;
  url: string;
  close(): Promise<void>;
}

/** A real state-svc in this process, on a free loopback port. */
export const startStateSvc = (env: Record<string, string> = stateEnv()): Promise<RunningStateSvc> =>
  startInProcess({ loadConfig, buildApp, env });
