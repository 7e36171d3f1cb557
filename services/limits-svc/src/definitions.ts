import { ScriptError } from '@trellis/redis-core';
import { HttpProblem, notFound } from '@trellis/service-kit';
import { isKnownTimeZone } from './calendar-period.js';
import type { DefinitionCache } from './definition-cache.js';
import type { DefinitionKind, LimitsStore, StoredRecord } from './limits-store.js';
import {
  BURST_ALGORITHMS,
  MAX_SLIDING_LOG_LIMIT,
  type Policy,
  type PolicySpec,
  type Quota,
  type QuotaSpec,
} from './schemas.js';

export const etagOf = (revision: number) => `"${revision}"`;

/** If-Match as the scripts take it: '' (absent), '*', or the revision of a `"<n>"` ETag. */
export function parseIfMatch(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return '';
  const trimmed = value.trim();
  if (trimmed === '*') return '*';
  const match = /^(?:W\/)?"(\d{1,15})"$/.exec(trimmed);
  // An ETag this service never issued matches nothing: -1 makes the script answer 412.
  return match ? match[1]! : '-1';
}

function invalid(detail: string): HttpProblem {
  return new HttpProblem(400, 'INVALID_DEFINITION', detail);
}

export function validatePolicy(spec: PolicySpec): void {
  if (spec.burst > 0 && !BURST_ALGORITHMS.includes(spec.algorithm)) {
    throw invalid(`burst applies to ${BURST_ALGORITHMS.join(' and ')} only; ${spec.algorithm} admits at most limit per window`);
  }
  if (spec.algorithm === 'sliding-log' && spec.limit > MAX_SLIDING_LOG_LIMIT) {
    throw invalid(
      `sliding-log keeps one entry per admitted unit, so its limit is at most ${MAX_SLIDING_LOG_LIMIT}; use sliding-window or gcra for larger limits`,
    );
  }
  // A bucket's state lives (and its reset times run) up to twice its refill time, in ms, which
  // must stay an exact integer in a script (2^53) and a TTL Redis accepts: 500 otherwise.
  const refillMs = (spec.windowSeconds * 1_000 * (spec.limit + spec.burst)) / spec.limit;
  if (BURST_ALGORITHMS.includes(spec.algorithm) && refillMs > MAX_REFILL_MS) {
    throw invalid(
      `limit + burst (${spec.limit + spec.burst}) refilled at limit (${spec.limit}) per ${spec.windowSeconds} s takes more than 10^15 ms (~31,000 years); raise limit or lower burst`,
    );
  }
}

/** The longest a token bucket may take to refill from empty (a GCRA's delay tolerance alike). */
const MAX_REFILL_MS = 1e15;

export function validateQuota(spec: QuotaSpec): void {
  if (!isKnownTimeZone(spec.timeZone)) throw invalid(`timeZone ${JSON.stringify(spec.timeZone)} is not an IANA time zone`);
}

/** Policies as checks see them, built once per cached record rather than once per check. */
const policies = new WeakMap<StoredRecord, Policy>();

function toPolicy(name: string, record: StoredRecord): Policy {
  let policy = policies.get(record);
  if (policy === undefined) {
    policy = { name, ...(record.spec as PolicySpec), revision: record.revision, updatedAt: new Date(record.updatedAt).toISOString() };
    policies.set(record, policy);
  }
  return policy;
}

function policyOrNotFound(name: string, record: StoredRecord | undefined): Policy {
  if (!record) throw new HttpProblem(404, 'POLICY_NOT_FOUND', `Policy ${name} is not defined`);
  return toPolicy(name, record);
}

const toQuota = (name: string, record: StoredRecord): Quota => ({
  name,
  ...(record.spec as QuotaSpec),
  revision: record.revision,
  updatedAt: new Date(record.updatedAt).toISOString(),
});

function mapScriptError(error: unknown, what: string): unknown {
  if (error instanceof ScriptError) {
    if (error.code === 'NOT_FOUND') return notFound(what);
    if (error.code === 'PRECONDITION_FAILED') {
      const current = Number(error.message) || 0;
      return new HttpProblem(412, 'PRECONDITION_FAILED', `${what} is not at the revision If-Match names`, {
        extensions: current ? { currentETag: etagOf(current) } : {},
      });
    }
  }
  return error;
}

/**
 * Policy and quota definitions: writes go to Redis (with their change-log event, in one script)
 * and into this instance's cache at once; other instances learn them from the change log.
 */
export class Definitions {
  constructor(
    private readonly store: LimitsStore,
    private readonly cache: DefinitionCache,
  ) {}

  private async put(kind: DefinitionKind, name: string, spec: object, ifMatch: string, what: string) {
    try {
      const result = await this.store.putDefinition(kind, name, spec, ifMatch);
      this.cache.apply(kind, name, result.record.revision, result.record);
      return result;
    } catch (error) {
      throw mapScriptError(error, what);
    }
  }

  private async remove(kind: DefinitionKind, name: string, ifMatch: string, what: string): Promise<void> {
    try {
      const revision = await this.store.deleteDefinition(kind, name, ifMatch);
      this.cache.apply(kind, name, revision, undefined);
    } catch (error) {
      throw mapScriptError(error, what);
    }
  }

  /** Authoritative read (for the definition endpoints), refreshing the cache on the way. */
  private async read(kind: DefinitionKind, name: string): Promise<StoredRecord | undefined> {
    const { record, revision } = await this.store.getDefinition(kind, name);
    this.cache.apply(kind, name, record?.revision ?? revision, record);
    return record;
  }

  async putPolicy(name: string, spec: PolicySpec, ifMatch: string): Promise<{ created: boolean; policy: Policy }> {
    validatePolicy(spec);
    const { created, record } = await this.put('policy', name, spec, ifMatch, `Policy ${name}`);
    return { created, policy: toPolicy(name, record) };
  }

  async getPolicy(name: string): Promise<Policy> {
    const record = await this.read('policy', name);
    if (!record) throw notFound(`Policy ${name}`);
    return toPolicy(name, record);
  }

  /** For checks: from the cache, one Redis read at most. */
  async policy(name: string): Promise<Policy> {
    return policyOrNotFound(name, await this.cache.get('policy', name));
  }

  /** For checks, when the cache holds a fresh answer (undefined otherwise: ask policy()). */
  cachedPolicy(name: string): Policy | undefined {
    const entry = this.cache.peek('policy', name);
    return entry && policyOrNotFound(name, entry.record);
  }

  deletePolicy(name: string, ifMatch: string): Promise<void> {
    return this.remove('policy', name, ifMatch, `Policy ${name}`);
  }

  async listPolicies(cursor: string | undefined, limit: number): Promise<{ items: Policy[]; nextCursor: string | null }> {
    const page = await this.store.listDefinitions('policy', cursor ?? '', limit);
    return {
      items: page.map(({ name, record }) => toPolicy(name, record)),
      nextCursor: page.length === limit ? page[page.length - 1]!.name : null,
    };
  }

  async putQuota(name: string, spec: QuotaSpec, ifMatch: string): Promise<{ created: boolean; quota: Quota }> {
    validateQuota(spec);
    const { created, record } = await this.put('quota', name, spec, ifMatch, `Quota ${name}`);
    return { created, quota: toQuota(name, record) };
  }

  async getQuota(name: string): Promise<Quota> {
    const record = await this.read('quota', name);
    if (!record) throw notFound(`Quota ${name}`);
    return toQuota(name, record);
  }

  /** For consume/refund/usage: a quota without a limit is an explicit 404, never unlimited. */
  async quota(name: string): Promise<Quota> {
    const record = await this.cache.get('quota', name);
    if (!record) throw new HttpProblem(404, 'QUOTA_NOT_FOUND', `Quota ${name} has no limit set: define it with PUT /v1/quotas/${name}`);
    return toQuota(name, record);
  }

  deleteQuota(name: string, ifMatch: string): Promise<void> {
    return this.remove('quota', name, ifMatch, `Quota ${name}`);
  }

  async listQuotas(cursor: string | undefined, limit: number): Promise<{ items: Quota[]; nextCursor: string | null }> {
    const page = await this.store.listDefinitions('quota', cursor ?? '', limit);
    return {
      items: page.map(({ name, record }) => toQuota(name, record)),
      nextCursor: page.length === limit ? page[page.length - 1]!.name : null,
    };
  }
}
