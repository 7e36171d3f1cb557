import type { Endpoint } from './endpoint.js';
import type { OutlierDetectionPolicy } from './route.js';

interface HostState {
  consecutiveFailures: number;
  ejectedUntil: number;
  timesEjected: number;
  /** When the host last came back (or was first seen): intervals since then forgive ejections. */
  healthySince: number;
}

export interface OutlierFilterResult<E> {
  endpoints: E[];
  /** Too few instances were usable, so ejections were ignored (Envoy's panic mode). */
  panic: boolean;
}

/**
 * Envoy's consecutive-5xx outlier detection, kept by each caller about what it saw itself:
 * after `consecutive5xx` failures in a row an instance is ejected for
 * baseEjectionMs x times ejected, then readmitted; every healthy `intervalMs` forgives one
 * ejection. Ejection stops at maxEjectionPercent, and below the panic threshold of usable
 * instances the balancer uses all of them, ejected or not.
 */
export class OutlierDetector {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  private state(id: string, now: number): HostState {
    let state = this.hosts.get(id);
    if (!state) {
      state = { consecutiveFailures: 0, ejectedUntil: 0, timesEjected: 0, healthySince: now };
      this.hosts.set(id, state);
    }
    return state;
  }

  isEjected(id: string, now = this.now()): boolean {
    const state = this.hosts.get(id);
    return state !== undefined && state.ejectedUntil > now;
  }

  private ejectedCount(ids: readonly string[], now: number): number {
    return ids.reduce((count, id) => count + (this.isEjected(id, now) ? 1 : 0), 0);
  }

  /**
   * Records one call's result. `hostIds` are the instances currently in the pool (for the
   * max-ejection cap). Returns true when this call ejected the instance.
   */
  record(id: string, failed: boolean, policy: OutlierDetectionPolicy, hostIds: readonly string[]): boolean {
    const now = this.now();
    const state = this.state(id, now);
    if (state.ejectedUntil > 0 && state.ejectedUntil <= now) {
      // Readmitted: it starts afresh, keeping its ejection count for the next penalty.
      state.ejectedUntil = 0;
      state.consecutiveFailures = 0;
      state.healthySince = now;
    }
    if (!failed) {
      state.consecutiveFailures = 0;
      return false;
    }
    state.consecutiveFailures += 1;
    if (state.ejectedUntil > now || state.consecutiveFailures < policy.consecutive5xx || policy.consecutive5xx <= 0) return false;
    const total = Math.max(hostIds.length, 1);
    if ((this.ejectedCount(hostIds, now) * 100) / total >= policy.maxEjectionPercent) return false;
    const forgiven = policy.intervalMs > 0 ? Math.floor((now - state.healthySince) / policy.intervalMs) : 0;
    state.timesEjected = Math.max(0, state.timesEjected - forgiven) + 1;
    state.ejectedUntil = now + policy.baseEjectionMs * state.timesEjected;
    state.consecutiveFailures = 0;
    return true;
  }

  /** The candidates that may take traffic now. */
  filter<E extends Endpoint>(candidates: readonly E[], policy: OutlierDetectionPolicy): OutlierFilterResult<E> {
    const now = this.now();
    const usable = candidates.filter((candidate) => !this.isEjected(candidate.instanceId, now));
    if (usable.length === 0 || (usable.length * 100) / candidates.length < policy.panicThresholdPercent) {
      return { endpoints: [...candidates], panic: candidates.length > 0 && usable.length < candidates.length };
    }
    return { endpoints: usable, panic: false };
  }

  /** Instances ejected right now. */
  ejected(): string[] {
    const now = this.now();
    return [...this.hosts.entries()].filter(([, state]) => state.ejectedUntil > now).map(([id]) => id);
  }

  retain(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of this.hosts.keys()) if (!keep.has(id)) this.hosts.delete(id);
  }
}
