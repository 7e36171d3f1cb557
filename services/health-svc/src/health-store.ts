import {
  type ChangeScope,
  createKeySpace,
  type KeySpace,
  type RedisClient,
  ScriptRunner,
  scriptsDir,
} from '@trellis/redis-core';
import type { DefaultCheckSettings } from './config.js';
import type { CheckStatus, CheckType } from './schemas.js';

const SCRIPTS = ['claim', 'record', 'track', 'forget', 'maintenance', 'put-settings', 'read-service', 'replica-heartbeat'] as const;

/** One instance's health as the scripts store it (see src/scripts/lib/health-lib.lua). */
export interface StoredRecord {
  e: number;
  s: string;
  c: CheckStatus;
  o: string;
  t: number;
  by: string;
  ok: number;
  ko: number;
  ss: number;
  cs: number;
  f: number;
  fw: string;
  h: string;
  m: string;
  ms: number;
  p: number;
  k: CheckType;
  ca: number;
  u: number;
}

/** Check settings as stored: deregisterCriticalAfterMs null = never; version 0 = deployment defaults. */
export interface StoredSettings extends DefaultCheckSettings {
  version: number;
  updatedAtMs: number;
}

export interface Claim {
  won: boolean;
  /** Redis time of the claim; with nextSlotStart it gives the delay to the next slot. */
  now: number;
  slotStart: number;
  nextSlotStart: number;
  settings: StoredSettings;
}

export type RecordMode = 'check' | 'expire' | 'push';

export interface RecordOutcome {
  /** 1 applied, 0 nothing to apply, -1 the claim moved on, -2 the instance was removed or re-registered. */
  outcome: 1 | 0 | -1 | -2;
  record: StoredRecord | undefined;
  criticalForMs: number;
}

export interface HealthStoreOptions {
  keyPrefix?: string;
  defaults: DefaultCheckSettings;
  streamMaxLength?: number;
  tombstoneTtlMs?: number;
}

function parseSettings(json: string): StoredSettings {
  const parsed = JSON.parse(json) as Partial<StoredSettings>;
  return { ...(parsed as StoredSettings), version: parsed.version ?? 0, updatedAtMs: parsed.updatedAtMs ?? 0 };
}

/**
 * The only code of health-svc that talks to Redis. Each service's health lives under its own hash
 * tag (records, settings, claims, tombstones, revision and event stream), so every script touches
 * one cluster slot and services spread across the cluster.
 */
export class HealthStore {
  readonly keys: KeySpace;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly maxLen: number;
  private readonly tombstoneTtlMs: number;
  private readonly defaultsJson: string;

  constructor(
    private readonly redis: RedisClient,
    options: HealthStoreOptions,
  ) {
    this.keys = createKeySpace('health', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.maxLen = options.streamMaxLength ?? 10_000;
    this.tombstoneTtlMs = options.tombstoneTtlMs ?? 600_000;
    this.defaultsJson = JSON.stringify({ ...options.defaults, version: 0, updatedAtMs: 0 });
  }

  scope(service: string): ChangeScope {
    return { revisionKey: this.keys.key('revision', service), streamKey: this.keys.key('events', service) };
  }

  private serviceKeys(service: string) {
    return {
      records: this.keys.key('records', service),
      settings: this.keys.key('settings', service),
      tombstones: this.keys.key('tombstones', service),
      tombstoneTimes: this.keys.key('tombstone-times', service),
      ...this.scope(service),
    };
  }

  private claimKey(service: string, instanceId: string): string {
    return this.keys.key('claim', service, instanceId);
  }

  async claim(service: string, instanceId: string, replicaId: string, phaseSeed: number, take: boolean): Promise<Claim> {
    const k = this.serviceKeys(service);
    const [won, now, slotStart, nextSlotStart, settings] = await this.scripts.run<[number, number, number, number, string]>(
      'claim',
      [this.claimKey(service, instanceId), k.settings],
      [replicaId, phaseSeed, this.defaultsJson, take ? '1' : '0'],
    );
    return { won: won === 1, now, slotStart, nextSlotStart, settings: parseSettings(settings) };
  }

  async record(
    service: string,
    instanceId: string,
    input: { epoch: number; mode: RecordMode; result: CheckStatus; output: string; checker: string; slotStart: number },
  ): Promise<RecordOutcome> {
    const k = this.serviceKeys(service);
    const [outcome, json, criticalForMs] = await this.scripts.run<[number, string | null, number, number]>(
      'record',
      [k.records, k.settings, this.claimKey(service, instanceId), k.revisionKey, k.streamKey, k.tombstones],
      [
        service,
        instanceId,
        input.epoch,
        input.mode,
        input.result,
        input.output,
        input.checker,
        input.slotStart,
        this.defaultsJson,
        this.maxLen,
      ],
    );
    return {
      outcome: outcome as RecordOutcome['outcome'],
      record: json ? (JSON.parse(json) as StoredRecord) : undefined,
      criticalForMs: Number(criticalForMs),
    };
  }

  async track(service: string, instanceId: string, epoch: number): Promise<boolean> {
    const k = this.serviceKeys(service);
    const created = await this.scripts.run<number>(
      'track',
      [k.records, k.settings, k.revisionKey, k.streamKey, k.tombstones, k.tombstoneTimes],
      [service, instanceId, epoch, this.defaultsJson, this.maxLen],
    );
    if (created === 1) await this.indexService(service);
    return created === 1;
  }

  /** `idleForMs`: only when the record has not been written for that long (the sweeper's guard). */
  async forget(service: string, instanceId: string, epoch: number, idleForMs?: number): Promise<boolean> {
    const k = this.serviceKeys(service);
    const removed = await this.scripts.run<number>(
      'forget',
      [k.records, this.claimKey(service, instanceId), k.revisionKey, k.streamKey, k.tombstones, k.tombstoneTimes],
      [service, instanceId, epoch, this.maxLen, this.tombstoneTtlMs, idleForMs === undefined ? '' : idleForMs],
    );
    return removed === 1;
  }

  async setMaintenance(service: string, instanceId: string, enabled: boolean, reason: string): Promise<StoredRecord> {
    const k = this.serviceKeys(service);
    const json = await this.scripts.run<string>(
      'maintenance',
      [k.records, k.revisionKey, k.streamKey],
      [service, instanceId, enabled ? '1' : '0', reason, this.maxLen],
    );
    return JSON.parse(json) as StoredRecord;
  }

  async getSettings(service: string): Promise<StoredSettings> {
    const json = await this.redis.get(this.serviceKeys(service).settings);
    return parseSettings(json ?? this.defaultsJson);
  }

  async putSettings(service: string, settings: DefaultCheckSettings, expectedVersion: number | undefined): Promise<StoredSettings> {
    const k = this.serviceKeys(service);
    const json = await this.scripts.run<string>(
      'put-settings',
      [k.settings, k.revisionKey, k.streamKey],
      [service, JSON.stringify(settings), expectedVersion === undefined ? '' : expectedVersion, this.maxLen],
    );
    return parseSettings(json);
  }

  async read(service: string, instanceId?: string): Promise<{ revision: number; records: Map<string, StoredRecord> }> {
    const k = this.serviceKeys(service);
    const reply = await this.scripts.run<(string | number)[]>('read-service', [k.records, k.revisionKey], [instanceId ?? '']);
    const records = new Map<string, StoredRecord>();
    for (let i = 1; i + 1 < reply.length; i += 2) records.set(String(reply[i]), JSON.parse(String(reply[i + 1])) as StoredRecord);
    return { revision: Number(reply[0]), records };
  }

  async replicaHeartbeat(replicaId: string, ttlMs: number, leave = false): Promise<string[]> {
    return this.scripts.run<string[]>('replica-heartbeat', [this.keys.key('replicas', 'replicas')], [replicaId, ttlMs, leave ? '1' : '0']);
  }

  // Services that ever had health records, for the sweeper: a set on its own slot, added to after
  // the record exists. Never pruned: it is bounded by the number of service names, and pruning it
  // would need a check-then-delete across slots.
  private indexKey(): string {
    return this.keys.key('services', 'index');
  }

  async indexService(service: string): Promise<void> {
    await this.redis.sadd(this.indexKey(), service);
  }

  async indexedServices(): Promise<string[]> {
    return this.redis.smembers(this.indexKey());
  }
}
