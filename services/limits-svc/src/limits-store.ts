import {
  type ChangeScope,
  createKeySpace,
  type KeySpace,
  type RedisClient,
  ScriptRunner,
  scriptsDir,
  toRedisError,
} from '@trellis/redis-core';
import { type Algorithm, MAX_POLICIES_PER_CHECK } from './schemas.js';

const SCRIPTS = [
  'check',
  'check-multi',
  'adjust',
  'block',
  'counter-add',
  'counter-get',
  'quota-consume',
  'quota-refund',
  'definition-put',
  'definition-delete',
  'definition-get',
  'definition-list',
] as const;

/** Definitions are few and change rarely: one slot holds them with their one change log. */
const DEFINITIONS_TAG = 'definitions';

export type DefinitionKind = 'policy' | 'quota';

/** What a rate-limit script needs to know of a policy (its definition lives in this process). */
export interface PolicyParams {
  name: string;
  algorithm: Algorithm;
  limit: number;
  windowSeconds: number;
  burst: number;
  chargeRejected: boolean;
  shadow: boolean;
}

export interface RawPolicyResult {
  limited: boolean;
  charged: number;
  capacity: number;
  remaining: number;
  resetAfterMs: number;
  retryAfterMs: number;
  blockedMs: number;
}

export interface RawCheck {
  nowMs: number;
  denied: boolean;
  results: RawPolicyResult[];
}

export interface StoredRecord {
  revision: number;
  updatedAt: number;
  spec: Record<string, unknown>;
}

type ScriptTuple = [number, number, number, number, number, number, number];

function toResult(tuple: ScriptTuple): RawPolicyResult {
  const [limited, charged, capacity, remaining, resetAfterMs, retryAfterMs, blockedMs] = tuple.map(Number);
  return {
    limited: limited === 1,
    charged: charged!,
    capacity: capacity!,
    remaining: remaining!,
    resetAfterMs: resetAfterMs!,
    retryAfterMs: retryAfterMs!,
    blockedMs: blockedMs!,
  };
}

function policyArgs(policy: PolicyParams): (string | number)[] {
  return [
    policy.algorithm,
    policy.limit,
    policy.windowSeconds * 1_000,
    policy.burst,
    policy.chargeRejected ? 1 : 0,
    policy.shadow ? 1 : 0,
  ];
}

/** The only code of limits-svc that talks to Redis. */
export class LimitsStore {
  readonly keys: KeySpace;
  readonly scope: ChangeScope;
  private readonly scripts: ScriptRunner<(typeof SCRIPTS)[number]>;
  private readonly maxLen: number;

  constructor(
    private readonly redis: RedisClient,
    options: { keyPrefix?: string; streamMaxLength?: number } = {},
  ) {
    this.keys = createKeySpace('limits', { prefix: options.keyPrefix });
    this.scripts = new ScriptRunner(redis, scriptsDir(import.meta.url), SCRIPTS);
    this.maxLen = options.streamMaxLength ?? 10_000;
    this.scope = {
      revisionKey: this.keys.key('revision', DEFINITIONS_TAG),
      streamKey: this.keys.key('events', DEFINITIONS_TAG),
    };
  }

  // ------------------------------------------------------------------------------ rate limits

  /**
   * A policy's keys for one subject. The subject is the hash tag, so every policy of a subject
   * lives in one slot and a multi-policy check is one script on Cluster. Algorithm and window
   * are part of the state key: changing either starts from a clean state instead of misreading
   * another algorithm's data; changing only the limit keeps the count.
   */
  private policyKeys(subject: string, policy: PolicyParams): [string, string, string] {
    const windowMs = String(policy.windowSeconds * 1_000);
    return [
      this.keys.key('state', subject, policy.name, policy.algorithm, windowMs),
      this.keys.key('seq', subject, policy.name, policy.algorithm, windowMs),
      this.keys.key('block', subject, policy.name),
    ];
  }

  /** ONE EVALSHA for one or several policies; `peek` decides without writing. */
  async check(subject: string, policies: PolicyParams[], cost: number, mode: 'check' | 'peek'): Promise<RawCheck> {
    if (policies.length < 1 || policies.length > MAX_POLICIES_PER_CHECK) {
      throw new RangeError(`1..${MAX_POLICIES_PER_CHECK} policies per check`);
    }
    const keys = policies.flatMap((policy) => this.policyKeys(subject, policy));
    const args: (string | number)[] = [mode, cost, policies.length, ...policies.flatMap(policyArgs)];
    let reply: [number, number, ...ScriptTuple[]];
    if (policies.length === 1) {
      reply = await this.scripts.run('check', keys, args);
    } else {
      // Unused slots get keys of the same tag (never touched), so the key count stays fixed.
      for (let slot = keys.length; slot < MAX_POLICIES_PER_CHECK * 3; slot += 1) {
        keys.push(this.keys.key('unused', subject, String(slot)));
      }
      reply = await this.scripts.run('check-multi', keys, args);
    }
    const [nowMs, denied, ...tuples] = reply;
    return { nowMs: Number(nowMs), denied: Number(denied) === 1, results: tuples.map(toResult) };
  }

  async adjust(subject: string, policy: PolicyParams, delta: number): Promise<{ nowMs: number; result: RawPolicyResult }> {
    const [nowMs, tuple] = await this.scripts.run<[number, ScriptTuple]>('adjust', this.policyKeys(subject, policy), [
      delta,
      ...policyArgs(policy),
    ]);
    return { nowMs: Number(nowMs), result: toResult(tuple) };
  }

  async block(subject: string, policy: PolicyParams, durationMs: number): Promise<{ nowMs: number; result: RawPolicyResult }> {
    const [nowMs, tuple] = await this.scripts.run<[number, ScriptTuple]>('block', this.policyKeys(subject, policy), [
      durationMs,
      ...policyArgs(policy),
    ]);
    return { nowMs: Number(nowMs), result: toResult(tuple) };
  }

  /** Forgets the subject's state and block under this policy (one DEL: same slot). */
  async reset(subject: string, policy: PolicyParams): Promise<void> {
    await this.command(() => this.redis.del(...this.policyKeys(subject, policy)));
  }

  async unblock(subject: string, policy: PolicyParams): Promise<boolean> {
    return (await this.command(() => this.redis.del(this.policyKeys(subject, policy)[2]))) === 1;
  }

  // ------------------------------------------------------------------------------ counters

  private counterKey(name: string): string {
    return this.keys.key('counter', name);
  }

  async counterAdd(name: string, delta: number, ttlMs: number | undefined): Promise<{ value: number; pttl: number }> {
    const [value, pttl] = await this.scripts.run<[number, number]>('counter-add', [this.counterKey(name)], [delta, ttlMs ?? '']);
    return { value: Number(value), pttl: Number(pttl) };
  }

  async counterGet(name: string): Promise<{ value: number; pttl: number } | undefined> {
    const [value, pttl] = await this.scripts.run<[string | null, number]>('counter-get', [this.counterKey(name)]);
    if (value === null || value === undefined) return undefined;
    return { value: Number(value), pttl: Number(pttl) };
  }

  async counterDelete(name: string): Promise<boolean> {
    return (await this.command(() => this.redis.del(this.counterKey(name)))) === 1;
  }

  // ------------------------------------------------------------------------------ quotas

  /** One key per subject, quota and period: a new period is a new key, whatever expiry does. */
  private usageKey(subject: string, quota: string, period: string, periodStartMs: number): string {
    return this.keys.key('usage', subject, quota, period, String(periodStartMs));
  }

  async quotaConsume(
    subject: string,
    quota: string,
    period: { name: string; startMs: number; endMs: number },
    amount: number,
    limit: number,
  ): Promise<{ admitted: boolean; used: number }> {
    const [admitted, used] = await this.scripts.run<[number, number]>(
      'quota-consume',
      [this.usageKey(subject, quota, period.name, period.startMs)],
      [amount, limit, period.endMs],
    );
    return { admitted: Number(admitted) === 1, used: Number(used) };
  }

  async quotaRefund(
    subject: string,
    quota: string,
    period: { name: string; startMs: number },
    amount: number,
  ): Promise<{ refunded: number; used: number }> {
    const [refunded, used] = await this.scripts.run<[number, number]>(
      'quota-refund',
      [this.usageKey(subject, quota, period.name, period.startMs)],
      [amount],
    );
    return { refunded: Number(refunded), used: Number(used) };
  }

  async quotaUsed(subject: string, quota: string, period: { name: string; startMs: number }): Promise<number> {
    const value = await this.command(() => this.redis.get(this.usageKey(subject, quota, period.name, period.startMs)));
    return Number(value ?? 0);
  }

  // ------------------------------------------------------------------------------ definitions

  private definitionKeys(kind: DefinitionKind) {
    return {
      records: this.keys.key('records', DEFINITIONS_TAG, kind),
      names: this.keys.key('names', DEFINITIONS_TAG, kind),
    };
  }

  async putDefinition(
    kind: DefinitionKind,
    name: string,
    spec: object,
    ifMatch: string,
  ): Promise<{ created: boolean; record: StoredRecord }> {
    const k = this.definitionKeys(kind);
    const [created, record] = await this.scripts.run<[number, string]>(
      'definition-put',
      [this.scope.revisionKey, this.scope.streamKey, k.records, k.names],
      [kind, name, JSON.stringify(spec), ifMatch, this.maxLen],
    );
    return { created: Number(created) === 1, record: JSON.parse(record) as StoredRecord };
  }

  /** Returns the change's revision. Throws ScriptError NOT_FOUND or PRECONDITION_FAILED. */
  async deleteDefinition(kind: DefinitionKind, name: string, ifMatch: string): Promise<number> {
    const k = this.definitionKeys(kind);
    return Number(
      await this.scripts.run<number>(
        'definition-delete',
        [this.scope.revisionKey, this.scope.streamKey, k.records, k.names],
        [kind, name, ifMatch, this.maxLen],
      ),
    );
  }

  async getDefinition(kind: DefinitionKind, name: string): Promise<{ record: StoredRecord | undefined; revision: number }> {
    const [record, revision] = await this.scripts.run<[string | null, number]>(
      'definition-get',
      [this.scope.revisionKey, this.definitionKeys(kind).records],
      [name],
    );
    return { record: record ? (JSON.parse(record) as StoredRecord) : undefined, revision: Number(revision) };
  }

  async listDefinitions(kind: DefinitionKind, after: string, limit: number): Promise<{ name: string; record: StoredRecord }[]> {
    const k = this.definitionKeys(kind);
    const flat = await this.scripts.run<string[]>('definition-list', [k.names, k.records], [after, limit]);
    const items: { name: string; record: StoredRecord }[] = [];
    for (let i = 0; i < flat.length; i += 2) items.push({ name: flat[i]!, record: JSON.parse(flat[i + 1]!) as StoredRecord });
    return items;
  }

  private async command<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toRedisError(error);
    }
  }
}
