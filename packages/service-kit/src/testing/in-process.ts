import { waitUntilReady } from '@trellis/redis-core';
import type { BaseConfig } from '../base-config.js';
import type { TrellisApp } from '../build-service.js';
import { closeServiceDeps, createServiceDeps, type ServiceDeps } from '../run-service.js';

export interface StartInProcessOptions<C extends BaseConfig> {
  loadConfig: (env: Record<string, string>) => C;
  /** A service's own buildApp, or a closure that adds its test-only options. */
  buildApp: (config: C, deps: ServiceDeps) => Promise<TrellisApp>;
  env: Record<string, string>;
  /** Default 0: any free port. */
  port?: number;
  /**
   * Cut open connections before closing: an aborted long-poll can otherwise keep its socket, and
   * so the close, waiting until keep-alive ends.
   */
  closeAllConnections?: boolean;
}

export interface InProcessService<C extends BaseConfig = BaseConfig> {
  app: TrellisApp;
  url: string;
  config: C;
  deps: ServiceDeps;
  close(): Promise<void>;
}

/** A service in the test's own process, listening on loopback once its Redis answers. */
export async function startInProcess<C extends BaseConfig>(options: StartInProcessOptions<C>): Promise<InProcessService<C>> {
  const port = options.port ?? 0;
  const config = options.loadConfig({ ...options.env, PORT: String(port), HOST: '127.0.0.1' });
  const deps = createServiceDeps(config);
  await waitUntilReady(deps.redis, 10_000);
  const app = await options.buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    url,
    config,
    deps,
    close: async () => {
      if (options.closeAllConnections) app.server.closeAllConnections();
      await app.close();
      await closeServiceDeps(deps);
    },
  };
}
