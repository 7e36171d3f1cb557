import type { RegistryInstance } from '@trellis/clients';
import type { FastifyBaseLogger } from 'fastify';
import type { CheckerMetrics } from './checker-metrics.js';
import { truncateUtf8 } from './health-service.js';
import type { Claim, HealthStore, RecordMode } from './health-store.js';
import type { Membership } from './membership.js';
import { hostForUrl, httpProbe, type ProbeResult, tcpProbe } from './probes.js';

/** FNV-1a with a murmur3 finaliser: cheap, stable across processes, well spread. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Rendezvous (highest random weight) hashing: this replica's place in line for an instance among
 * the live replicas, 0 = first. Everyone computes the same order, and when a replica leaves only
 * its own instances move.
 */
export function rendezvousRank(replicas: readonly string[], self: string, instanceKey: string): number {
  const mine = hash32(`${self}|${instanceKey}`);
  let rank = 0;
  for (const replica of replicas) {
    if (replica === self) continue;
    const theirs = hash32(`${replica}|${instanceKey}`);
    if (theirs > mine || (theirs === mine && replica < self)) rank += 1;
  }
  return rank;
}

/** How long after a slot opens the next replica in line tries, in case the first is gone. */
export function takeoverStep(intervalMs: number): number {
  return Math.min(2_000, Math.max(10, Math.floor(intervalMs / 8)));
}

export interface CheckSchedulerOptions {
  store: HealthStore;
  membership: Membership;
  logger: FastifyBaseLogger;
  metrics: CheckerMetrics;
  maxConcurrentChecks: number;
  userAgent: string;
  /** Called by the replica that ran the check, once the instance has been critical long enough. */
  deregister(instance: RegistryInstance, criticalForMs: number): Promise<void>;
}

interface Task {
  instance: RegistryInstance;
  key: string;
  seed: number;
  timer: NodeJS.Timeout | undefined;
  retryDelayMs: number;
}

/**
 * Runs this replica's share of the checks. Every replica keeps a timer per instance, aligned to
 * the instance's slots (one per interval, on the Redis clock); at each slot the first replica in
 * rendezvous order tries to claim it at once and the others a step later each, so a dead
 * replica's instances are taken over in the same interval. The claim script lets exactly one
 * replica win each slot, and a result is written only while its claim still stands.
 */
export class CheckScheduler {
  private readonly tasks = new Map<string, Task>();
  private inFlight = 0;
  private stopped = false;
  private redisFailing = false;

  constructor(private readonly options: CheckSchedulerOptions) {}

  get size(): number {
    return this.tasks.size;
  }

  upsert(instance: RegistryInstance): void {
    const key = `${instance.service}/${instance.instanceId}`;
    const existing = this.tasks.get(key);
    if (existing) {
      existing.instance = instance;
      return;
    }
    const task: Task = { instance, key, seed: hash32(key), timer: undefined, retryDelayMs: 1_000 };
    this.tasks.set(key, task);
    // A new instance is checked at once; the first in line gets a head start on that first slot.
    const rank = rendezvousRank(this.options.membership.replicas(), this.options.membership.replicaId, key);
    this.schedule(task, rank === 0 ? 0 : 25 * Math.min(rank, 3) + Math.random() * 25);
  }

  remove(service: string, instanceId: string): void {
    const key = `${service}/${instanceId}`;
    const task = this.tasks.get(key);
    if (!task) return;
    clearTimeout(task.timer);
    this.tasks.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const task of this.tasks.values()) clearTimeout(task.timer);
    this.tasks.clear();
  }

  private schedule(task: Task, delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(task.timer);
    task.timer = setTimeout(() => void this.attempt(task), Math.max(0, delayMs));
    task.timer.unref();
  }

  private isCurrent(task: Task): boolean {
    return !this.stopped && this.tasks.get(task.key) === task;
  }

  private async attempt(task: Task): Promise<void> {
    if (!this.isCurrent(task)) return;
    const { service, instanceId } = task.instance;
    const { membership, store } = this.options;
    const rank = rendezvousRank(membership.replicas(), membership.replicaId, task.key);
    // A replica at its limit only learns the timing and leaves the slot to the others.
    const take = this.inFlight < this.options.maxConcurrentChecks;
    let claim: Claim;
    try {
      claim = await store.claim(service, instanceId, membership.replicaId, task.seed, take);
      if (this.redisFailing) this.options.logger.info('check claims work again');
      this.redisFailing = false;
    } catch (error) {
      if (!this.redisFailing) this.options.logger.warn({ err: error }, 'cannot claim checks; retrying');
      this.redisFailing = true;
      this.schedule(task, task.retryDelayMs * (0.5 + Math.random()));
      return;
    }
    if (!this.isCurrent(task)) return;
    const interval = claim.settings.intervalMs;
    task.retryDelayMs = Math.min(interval, 1_000);
    this.schedule(task, claim.nextSlotStart - claim.now + Math.min(rank, 3) * takeoverStep(interval));
    if (claim.won) await this.runCheck(task, claim);
  }

  private probe(instance: RegistryInstance, claim: Claim): Promise<ProbeResult> {
    const { type, timeoutMs } = claim.settings;
    if (type === 'tcp') return tcpProbe(instance.host, instance.port, timeoutMs);
    const url = `http://${hostForUrl(instance.host)}:${instance.port}${instance.healthPath}`;
    return httpProbe(url, timeoutMs, {
      'user-agent': this.options.userAgent,
      accept: 'application/health+json, application/json;q=0.9, */*;q=0.1',
      // Lets an instance (and a test) see which replica checked it, for which slot.
      'x-trellis-checker': this.options.membership.replicaId,
      'x-trellis-check-slot': String(claim.slotStart),
    });
  }

  private async runCheck(task: Task, claim: Claim): Promise<void> {
    this.inFlight += 1;
    const instance = task.instance;
    const settings = claim.settings;
    const started = performance.now();
    try {
      let mode: RecordMode = 'check';
      let result: ProbeResult = { status: 'critical', output: '' };
      if (settings.type === 'ttl') mode = 'expire';
      else result = await this.probe(instance, claim);
      this.options.metrics.checkDuration.observe({ type: settings.type }, (performance.now() - started) / 1_000);

      const recorded = await this.options.store.record(instance.service, instance.instanceId, {
        epoch: instance.epoch,
        mode,
        result: result.status,
        output: truncateUtf8(result.output),
        checker: this.options.membership.replicaId,
        slotStart: claim.slotStart,
      });
      const outcome = { 1: 'applied', 0: 'unchanged', [-1]: 'superseded', [-2]: 'removed' }[recorded.outcome];
      this.options.metrics.checks.inc({ type: settings.type, result: mode === 'expire' && recorded.outcome === 0 ? 'fresh' : result.status, outcome });
      if (recorded.outcome === -1) {
        this.options.logger.debug({ instance: task.key }, 'check result arrived after its slot was claimed again; dropped');
      }
      const deregisterAfter = settings.deregisterCriticalAfterMs;
      if (recorded.outcome === 1 && deregisterAfter !== null && recorded.criticalForMs >= deregisterAfter) {
        await this.options.deregister(instance, recorded.criticalForMs);
      }
    } catch (error) {
      this.options.logger.warn({ err: error, instance: task.key }, 'check could not be recorded');
    } finally {
      this.inFlight -= 1;
    }
  }
}
