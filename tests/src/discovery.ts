import { createServiceClient, InstanceResolver, type ServiceClient } from '@trellis/clients';
import { stackContext } from './stack-context.js';

export const SOURCE = 'fullstack-tests';

/** A live instance's base URL, found through registry-svc (how any Trellis user finds a service). */
export async function discoverUrl(service: string): Promise<string> {
  const resolver = new InstanceResolver({ registryUrl: stackContext().registryUrl, service });
  try {
    await resolver.start();
    const instance = resolver.live()[0];
    if (!instance) throw new Error(`no live instance of ${service} in the registry`);
    return `http://${instance.host}:${instance.port}`;
  } finally {
    resolver.close();
  }
}

/** A typed, discovery-aware client: registry for instances, health-svc for health, mesh-svc for the route. */
export async function serviceClient<Paths extends object>(service: string): Promise<ServiceClient<Paths>> {
  const [healthUrl, meshUrl] = await Promise.all([discoverUrl('health-svc'), discoverUrl('mesh-svc')]);
  return createServiceClient<Paths>(service, {
    registryUrl: stackContext().registryUrl,
    healthUrl,
    meshUrl,
    source: SOURCE,
    metricsFlushMs: 500,
  });
}
