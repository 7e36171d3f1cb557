import type { RegistryClient, RegistryInstance } from '@trellis/clients';
import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import { CheckScheduler } from './check-scheduler.js';
import { type CheckerMetrics, createCheckerMetrics } from './checker-metrics.js';
import type { HealthStore } from './health-store.js';
import { Membership } from './membership.js';
import { RegistryFollower } from './registry-follower.js';
import { Sweeper } from './sweeper.js';

export interface CheckerOptions {
  store: HealthStore;
  registry: RegistryClient;
  logger: FastifyBaseLogger;
  metricsRegistry: Registry;
  replicaId: string;
  userAgent: string;
  maxConcurrentChecks: number;
  replicaTtlMs: number;
  sweepIntervalMs: number;
  registryWatchTimeoutSeconds: number;
}

/**
 * One replica's checking machinery: follows the registry, keeps a health record per registered
 * instance (created on registration, removed on deregistration or expiry), runs its share of
 * the checks, deregisters instances critical for too long and sweeps orphaned records.
 */
export class Checker {
  readonly membership: Membership;
  readonly scheduler: CheckScheduler;
  readonly follower: RegistryFollower;
  private readonly sweeper: Sweeper;
  private readonly metrics: CheckerMetrics;

  constructor(private readonly options: CheckerOptions) {
    const { store, logger } = options;
    this.metrics = createCheckerMetrics(options.metricsRegistry);
    this.membership = new Membership(store, options.replicaId, options.replicaTtlMs, logger);
    this.scheduler = new CheckScheduler({
      store,
      membership: this.membership,
      logger,
      metrics: this.metrics,
      maxConcurrentChecks: options.maxConcurrentChecks,
      userAgent: options.userAgent,
      deregister: (instance, criticalForMs) => this.deregister(instance, criticalForMs),
    });
    this.follower = new RegistryFollower(
      options.registry,
      {
        upsert: (instance, previous) => this.onUpsert(instance, previous),
        remove: (instance) => this.onRemove(instance),
      },
      logger,
      options.registryWatchTimeoutSeconds,
    );
    this.sweeper = new Sweeper(store, this.follower, logger, options.sweepIntervalMs, 2 * options.registryWatchTimeoutSeconds * 1_000 + 5_000);
  }

  async start(): Promise<void> {
    await this.membership.start();
    this.follower.start();
    this.sweeper.start();
  }

  async stop(): Promise<void> {
    this.sweeper.stop();
    this.scheduler.stop();
    await this.follower.stop();
    await this.membership.stop();
  }

  private onUpsert(instance: RegistryInstance, previous: RegistryInstance | undefined): void {
    this.scheduler.upsert(instance);
    if (previous?.epoch === instance.epoch) return;
    // Every replica tracks every new registration: the script creates the record once.
    this.options.store.track(instance.service, instance.instanceId, instance.epoch).catch((error: unknown) => {
      // The first check result creates the record anyway.
      this.options.logger.warn({ err: error, instance: `${instance.service}/${instance.instanceId}` }, 'could not track instance');
    });
  }

  private onRemove(instance: RegistryInstance): void {
    this.scheduler.remove(instance.service, instance.instanceId);
    this.options.store.forget(instance.service, instance.instanceId, instance.epoch).catch((error: unknown) => {
      // The sweeper removes the record later.
      this.options.logger.warn({ err: error, instance: `${instance.service}/${instance.instanceId}` }, 'could not forget instance');
    });
  }

  private async deregister(instance: RegistryInstance, criticalForMs: number): Promise<void> {
    const { response } = await this.options.registry.DELETE('/v1/services/{service}/instances/{instanceId}', {
      params: { path: { service: instance.service, instanceId: instance.instanceId } },
    });
    const outcome = response.status === 204 ? 'deregistered' : response.status === 404 ? 'already-gone' : 'failed';
    this.metrics.deregistrations.inc({ outcome });
    this.options.logger.info(
      { instance: `${instance.service}/${instance.instanceId}`, criticalForMs, status: response.status },
      'deregistering an instance critical for longer than deregisterCriticalAfterMs',
    );
  }
}
