import {
  type ChangeScope,
  createKeySpace,
  type KeySpace,
  type RedisClient,
  ScriptRunner,
  scriptsDir,
} from '@trellis/redis-core';
import type { Instance, InstanceStatus, Registration } from './schemas.js';

const SCRIPTS = ['register', 'heartbeat', 'deregister', 'discover', 'list-services', 'reap'] as const;

/**
 * Every registry key carries ONE hash tag: the registry is small, wants a single global
 * revision (like etcd's or Consul's index) and its reaper must expire across services
 * atomically; one cluster slot holds it comfortably.
 */
const TAG = 'registry';

export interface StoredInstance {
  registration: Registration;
  state: string;
  deadline: number;
}

export interface Discovered {
  revision: number;
  instances: Instance[];
  /** Changes with every change to the service's instances; a heartbeat that only renews a lease is none. */
  generation: string;
  /** Redis time (ms) at which the first of these leases lapses: the answer holds until then. */
  validUntil: number;
}

export interface RegistryStoreOptions {
  keyPrefix?: string;
  /** Events kept for resuming watchers; older ones answer "compacted". */
  streamMaxLength?: number;
}

function parseState(state: string): { epoch: number; registeredAt: number; status: InstanceStatus; lastHeartbeatAt: number } {
  const [epoch, registeredAt, status, lastHeartbeatAt] = state.split('|');
  return {
    epoch: Number(epoch),
    registeredAt: Number(registeredAt),
    status: (status ?? 'UP') as InstanceStatus,
    lastHeartbeatAt: Number(lastHeartbeatAt),
  };
}

export function toInstance(service: string, instanceId: string, stored: StoredInstance): Instance {
  const state = parseState(stored.state);
  const registration = stored.registration;
  return {
    service,
    instanceId,
    host: registration.host,
    port: registration.port,
    version: registration.version,
    zone: registration.zone,
    // Stored verbatim as the service sent it, so arrays stay arrays.
    tags: registration.tags ?? [],
    metadata: registration.metadata ?? {},
    weight: registration.weight,
    healthPath: registration.healthPath,
    ttlSeconds: registration.ttlSeconds,
    status: state.status,
    epoch: state.epoch,
    registeredAt: new Date(state.registeredAt).toISOString(),
    lastHeartbeatAt: new Date(state.lastHeartbeatAt).toISOString(),
    leaseExpiresAt: new Date(stored.deadline).toISOString(),
  };
}

/** The only code of registry-svc that talks to Redis. */
export class RegistryStore {
  readonly keys: KeySpace;
  readonly scope: ChangeScope;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly maxLen: number;

  constructor(redis: RedisClient, options: RegistryStoreOptions = {}) {
    this.keys = createKeySpace('registry', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.maxLen = options.streamMaxLength ?? 10_000;
    this.scope = { revisionKey: this.keys.key('revision', TAG), streamKey: this.keys.key('events', TAG) };
  }

  private serviceKeys(service: string) {
    return {
      leases: this.keys.key('leases', TAG, service),
      registrations: this.keys.key('registrations', TAG, service),
      states: this.keys.key('states', TAG, service),
    };
  }

  async register(
    service: string,
    instanceId: string,
    registration: Registration,
  ): Promise<{ created: boolean; instance: Instance; revision: number }> {
    const k = this.serviceKeys(service);
    const [created, state, deadline, revision] = await this.scripts.run<[number, string, number, number]>(
      'register',
      [
        this.scope.revisionKey,
        this.scope.streamKey,
        this.keys.key('services', TAG),
        this.keys.key('deadlines', TAG),
        k.leases,
        k.registrations,
        k.states,
        this.keys.key('epoch', TAG),
      ],
      [service, instanceId, JSON.stringify(registration), registration.ttlSeconds * 1_000, this.maxLen],
    );
    return {
      created: created === 1,
      instance: toInstance(service, instanceId, { registration, state, deadline: Number(deadline) }),
      revision: Number(revision),
    };
  }

  async heartbeat(service: string, instanceId: string, status: InstanceStatus | undefined): Promise<Instance | undefined> {
    const reply = await this.runHeartbeat(service, instanceId, status, false);
    if (reply[0] !== 1) return undefined;
    return toInstance(service, instanceId, {
      registration: JSON.parse(reply[1]!) as Registration,
      state: reply[2]!,
      deadline: Number(reply[3]),
    });
  }

  /** A heartbeat whose caller wants no answer: whether the lease was live and is renewed. */
  async renew(service: string, instanceId: string, status: InstanceStatus | undefined): Promise<boolean> {
    return (await this.runHeartbeat(service, instanceId, status, true))[0] === 1;
  }

  private runHeartbeat(service: string, instanceId: string, status: InstanceStatus | undefined, minimal: boolean) {
    const k = this.serviceKeys(service);
    return this.scripts.run<[number, string?, string?, number?]>(
      'heartbeat',
      [this.scope.revisionKey, this.scope.streamKey, this.keys.key('deadlines', TAG), k.leases, k.registrations, k.states],
      [service, instanceId, status ?? '', this.maxLen, minimal ? 1 : 0],
    );
  }

  async deregister(service: string, instanceId: string): Promise<boolean> {
    const k = this.serviceKeys(service);
    const removed = await this.scripts.run<number>(
      'deregister',
      [this.scope.revisionKey, this.scope.streamKey, this.keys.key('deadlines', TAG), k.leases, k.registrations, k.states],
      [service, instanceId, this.maxLen],
    );
    return removed === 1;
  }

  /**
   * The live instances of `service` (or just `instanceId`), in one round trip. Given the
   * generation and validity of an answer the caller cached, returns `undefined` when that
   * answer still holds, checked atomically in the same script.
   */
  async discover(service: string, instanceId?: string, cached?: { generation: string; validUntil: number }): Promise<Discovered | undefined> {
    const k = this.serviceKeys(service);
    const reply = await this.scripts.run<[number, string[], string[], (string | null)[], (string | null)[], string, number] | [-1]>(
      'discover',
      [this.scope.revisionKey, k.leases, k.registrations, k.states],
      [instanceId ?? '', cached?.generation ?? '', cached?.validUntil ?? 0],
    );
    if (reply.length === 1) return undefined;
    const [revision, ids, deadlines, registrations, states, generation] = reply;
    const instances: Instance[] = [];
    let validUntil = Number.MAX_SAFE_INTEGER;
    ids.forEach((id, i) => {
      const registration = registrations[i];
      const state = states[i];
      if (!registration || !state) return;
      const deadline = Number(deadlines[i]);
      validUntil = Math.min(validUntil, deadline);
      instances.push(toInstance(service, id, { registration: JSON.parse(registration) as Registration, state, deadline }));
    });
    return { revision: Number(revision), instances, generation: String(generation), validUntil };
  }

  async listServices(): Promise<{ revision: number; services: { name: string; instances: number }[] }> {
    const reply = await this.scripts.run<(string | number)[]>(
      'list-services',
      [this.scope.revisionKey, this.keys.key('services', TAG)],
      [this.keys.key('leases', TAG, '')],
    );
    const services: { name: string; instances: number }[] = [];
    for (let i = 1; i < reply.length; i += 2) services.push({ name: String(reply[i]), instances: Number(reply[i + 1]) });
    services.sort((a, b) => a.name.localeCompare(b.name));
    return { revision: Number(reply[0]), services };
  }

  /** Expires up to `limit` lapsed leases; returns how many. Safe to run from every replica. */
  async reap(limit = 100): Promise<number> {
    return this.scripts.run<number>(
      'reap',
      [this.scope.revisionKey, this.scope.streamKey, this.keys.key('deadlines', TAG)],
      [this.keys.key('leases', TAG, ''), this.keys.key('registrations', TAG, ''), this.keys.key('states', TAG, ''), limit, this.maxLen],
    );
  }
}
