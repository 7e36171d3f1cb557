import { bucketIndex, LatencyHistogram, RELATIVE_ERROR } from '@trellis/mesh-core';
import { ALL_SOURCES, type MetricsStore, type MinuteIncrements } from './metrics-store.js';
import type { CallMetrics, MetricsWindow } from './schemas.js';

export interface RecordedCall {
  source: string;
  destination: string;
  /** 0 when no response came. */
  status: number;
  latencyMs: number;
  /** How long before the report the call ended. */
  agoMs: number;
}

const WINDOW_MINUTES: Record<MetricsWindow, number> = { '1m': 1, '5m': 5, '1h': 60 };

/** Linkerd's golden metrics count a 5xx (or no answer) as a failure; a 4xx is the caller's problem. */
export const isFailedCall = (status: number) => status === 0 || status >= 500;

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Golden metrics per source, destination and minute: requests, failures and a latency histogram. */
export class MetricsService {
  constructor(readonly store: MetricsStore) {}

  /** Adds calls to their minutes, by Redis' clock (minus each call's age). */
  async record(calls: readonly RecordedCall[]): Promise<number> {
    if (calls.length === 0) return 0;
    const now = await this.store.now();
    const minutes = new Map<string, MinuteIncrements>();
    for (const call of calls) {
      const minute = Math.floor((now - call.agoMs) / 60_000);
      const id = `${call.destination}\n${call.source}\n${minute}`;
      let increments = minutes.get(id);
      if (!increments) {
        increments = { source: call.source, destination: call.destination, minute, fields: new Map() };
        minutes.set(id, increments);
      }
      const add = (field: string, by: number) => increments.fields.set(field, (increments.fields.get(field) ?? 0) + by);
      add('n', 1);
      if (isFailedCall(call.status)) add('f', 1);
      add('us', Math.round(call.latencyMs * 1_000));
      add(`b${bucketIndex(call.latencyMs)}`, 1);
    }
    await this.store.add([...minutes.values()]);
    return calls.length;
  }

  /** RPS, success rate and latency percentiles over the window's whole minutes plus the current one. */
  async summary(source: string, destination: string, window: MetricsWindow): Promise<CallMetrics> {
    const now = await this.store.now();
    const currentMinute = Math.floor(now / 60_000);
    const fromMinute = currentMinute - WINDOW_MINUTES[window];
    const minutes = await this.store.read(source === '*' ? ALL_SOURCES : source, destination, fromMinute, currentMinute);
    const histogram = new LatencyHistogram();
    let requests = 0;
    let failures = 0;
    let latencyMicros = 0;
    for (const fields of minutes) {
      for (const [field, value] of Object.entries(fields)) {
        const count = Number(value);
        if (field === 'n') requests += count;
        else if (field === 'f') failures += count;
        else if (field === 'us') latencyMicros += count;
        else if (field.startsWith('b')) histogram.add(Number(field.slice(1)), count);
      }
    }
    const seconds = (now - fromMinute * 60_000) / 1_000;
    const percentile = (p: number) => {
      const value = histogram.quantile(p);
      return value === undefined ? null : round(value);
    };
    return {
      source,
      destination,
      window,
      from: new Date(fromMinute * 60_000).toISOString(),
      to: new Date(now).toISOString(),
      requests,
      failures,
      rps: round(requests / seconds),
      successRate: requests > 0 ? round((requests - failures) / requests, 6) : null,
      latencyMs: {
        p50: percentile(0.5),
        p95: percentile(0.95),
        p99: percentile(0.99),
        mean: requests > 0 ? round(latencyMicros / 1_000 / requests) : null,
      },
      relativeError: round(RELATIVE_ERROR, 6),
    };
  }
}
