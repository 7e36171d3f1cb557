import type { ChangeEvent } from '@trellis/redis-core';
import type { StoredRecord, StoredSettings } from './health-store.js';
import type { CheckSettings, HealthEvent, HealthEventType, HealthStatus, InstanceHealth } from './schemas.js';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number) => (ms > 0 ? iso(ms) : null);

const RANK: Record<HealthStatus, number> = { passing: 0, warning: 1, maintenance: 2, critical: 3 };

/** passing < warning < maintenance < critical; nothing at all counts as critical. */
export function worstStatus(statuses: Iterable<HealthStatus>): HealthStatus {
  let worst: HealthStatus | undefined;
  for (const status of statuses) if (!worst || RANK[status] > RANK[worst]) worst = status;
  return worst ?? 'critical';
}

/** Consul's aggregate answer: 200 passing, 429 warning, 503 critical (and maintenance). */
export function statusCode(status: HealthStatus): 200 | 429 | 503 {
  if (status === 'passing') return 200;
  if (status === 'warning') return 429;
  return 503;
}

export function toInstanceHealth(service: string, instanceId: string, record: StoredRecord): InstanceHealth {
  return {
    service,
    instanceId,
    epoch: record.e,
    status: record.s as HealthStatus,
    checkStatus: record.c,
    checkType: record.k,
    output: record.o,
    lastCheckAt: isoOrNull(record.t),
    lastCheckedBy: record.by === '' ? null : record.by,
    streak: { successes: record.ok, failures: record.ko },
    statusSince: iso(record.ss),
    criticalSince: record.c === 'critical' ? isoOrNull(record.cs) : null,
    flapping: record.f === 1,
    recentTransitions: [...record.h].filter((c) => c === '1').length,
    maintenance: record.ms > 0 ? { reason: record.m, since: iso(record.ms) } : null,
    lastTtlUpdateAt: isoOrNull(record.p),
  };
}

export function toCheckSettings(service: string, stored: StoredSettings): CheckSettings {
  return {
    service,
    type: stored.type,
    intervalMs: stored.intervalMs,
    timeoutMs: stored.timeoutMs,
    successBeforePassing: stored.successBeforePassing,
    failuresBeforeWarning: stored.failuresBeforeWarning,
    failuresBeforeCritical: stored.failuresBeforeCritical,
    deregisterCriticalAfterMs: stored.deregisterCriticalAfterMs ?? null,
    flapThreshold: stored.flapThreshold,
    flapWindowChecks: stored.flapWindowChecks,
    version: stored.version,
    updatedAt: isoOrNull(stored.updatedAtMs),
  };
}

/** What the health scripts append to a service's change log. */
export interface RawHealthEvent {
  service: string;
  instanceId: string | null;
  previousStatus: HealthStatus | null;
  record: StoredRecord | null;
  check?: StoredSettings | null;
}

export function toPublicEvent(event: ChangeEvent<RawHealthEvent>): HealthEvent {
  const { service, instanceId, previousStatus, record, check } = event.data;
  return {
    revision: event.revision,
    type: event.type as HealthEventType,
    time: event.time,
    data: {
      service,
      instanceId,
      previousStatus,
      health: record && instanceId ? toInstanceHealth(service, instanceId, record) : null,
      check: check ? toCheckSettings(service, check) : null,
    },
  };
}
