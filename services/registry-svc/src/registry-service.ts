import type { ChangeEvent, ChangeLog, RangeResult } from '@trellis/redis-core';
import { notFound } from '@trellis/service-kit';
import { DiscoveryCache, type PreparedAnswer } from './discovery-cache.js';
import { type RegistryStore, toInstance } from './registry-store.js';
import type { EventPage, Instance, InstanceStatus, Registration, RegistryEvent, RegistryEventType } from './schemas.js';

/** What the register/heartbeat/deregister scripts append to the change log. */
interface RawRegistryEvent {
  service: string;
  instanceId: string;
  registration: Registration | null;
  state: string;
  leaseExpiresAt: number;
}

export function toPublicEvent(event: ChangeEvent<RawRegistryEvent>): RegistryEvent {
  const { service, instanceId, registration, state, leaseExpiresAt } = event.data;
  return {
    revision: event.revision,
    type: event.type as RegistryEventType,
    time: event.time,
    data: {
      service,
      instanceId,
      instance: registration && state ? toInstance(service, instanceId, { registration, state, deadline: leaseExpiresAt }) : null,
    },
  };
}

export interface InstanceFilter {
  status?: InstanceStatus | undefined;
  tag?: string[] | undefined;
  zone?: string | undefined;
}

function matches(instance: Instance, filter: InstanceFilter): boolean {
  if (filter.status && instance.status !== filter.status) return false;
  if (filter.zone && instance.zone !== filter.zone) return false;
  if (filter.tag?.length && !filter.tag.every((tag) => instance.tags.includes(tag))) return false;
  return true;
}

/** The registry's logic, between HTTP routes and the Redis store. */
export class RegistryService {
  private readonly discovery: DiscoveryCache;

  constructor(
    readonly store: RegistryStore,
    readonly changeLog: ChangeLog,
  ) {
    this.discovery = new DiscoveryCache(store);
  }

  register(service: string, instanceId: string, registration: Registration) {
    return this.store.register(service, instanceId, registration);
  }

  async heartbeat(service: string, instanceId: string, status?: InstanceStatus): Promise<Instance> {
    const instance = await this.store.heartbeat(service, instanceId, status);
    if (!instance) throw notFound(`A live lease for ${service}/${instanceId}`);
    return instance;
  }

  /** A heartbeat answered without the instance (Prefer: return=minimal). */
  async renew(service: string, instanceId: string, status?: InstanceStatus): Promise<void> {
    if (!(await this.store.renew(service, instanceId, status))) throw notFound(`A live lease for ${service}/${instanceId}`);
  }

  async deregister(service: string, instanceId: string): Promise<void> {
    if (!(await this.store.deregister(service, instanceId))) throw notFound(`Instance ${service}/${instanceId}`);
  }

  /**
   * Live instances of `service` matching `filter`. The unfiltered answer comes ready to send,
   * gzipped too when the caller accepts it (see DiscoveryCache.prepared).
   */
  async discover(
    service: string,
    filter: InstanceFilter,
    acceptsGzip = false,
  ): Promise<{ service: string; revision: number; instances: Instance[] } | PreparedAnswer> {
    const entry = await this.discovery.discover(service);
    if (!filter.status && !filter.zone && !filter.tag?.length) return DiscoveryCache.prepared(service, entry, acceptsGzip);
    return { service, revision: entry.revision, instances: entry.instances.filter((instance) => matches(instance, filter)) };
  }

  async getInstance(service: string, instanceId: string): Promise<Instance> {
    const instance = (await this.store.discover(service, instanceId))?.instances[0];
    if (!instance) throw notFound(`Instance ${service}/${instanceId}`);
    return instance;
  }

  listServices() {
    return this.store.listServices();
  }

  eventFilter(service: string | undefined) {
    return (event: ChangeEvent<RawRegistryEvent>) => service === undefined || event.data.service === service;
  }

  async waitForEvents(
    service: string | undefined,
    afterRevision: number,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<EventPage> {
    const page: RangeResult<RawRegistryEvent> = await this.changeLog.waitForEvents(
      this.store.scope,
      afterRevision,
      timeoutMs,
      this.eventFilter(service),
      signal,
    );
    return { revision: page.revision, compacted: page.compacted, events: page.events.map(toPublicEvent) };
  }
}
