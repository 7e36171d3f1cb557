/**
 * Per-instance load signals for the balancers: calls in flight, and Linkerd/Finagle's peak
 * EWMA of latency (jumps up at once on a slow response, decays toward recent values with time
 * constant `decayMs`, and toward zero while idle so a once-slow instance gets another chance).
 */
export interface EndpointStatsOptions {
  /** Latency assumed for an instance never measured (Linkerd: 30 ms). */
  defaultRttMs?: number;
  /** EWMA time constant (Linkerd: 10 s). */
  decayMs?: number;
  now?: () => number;
}

interface Entry {
  inflight: number;
  ewma: number;
  stamp: number;
}

export class EndpointStats {
  private readonly entries = new Map<string, Entry>();
  private readonly defaultRttMs: number;
  private readonly decayMs: number;
  readonly now: () => number;

  constructor(options: EndpointStatsOptions = {}) {
    this.defaultRttMs = options.defaultRttMs ?? 30;
    this.decayMs = options.decayMs ?? 10_000;
    this.now = options.now ?? (() => performance.now());
  }

  private entry(id: string): Entry {
    let entry = this.entries.get(id);
    if (!entry) {
      entry = { inflight: 0, ewma: this.defaultRttMs, stamp: this.now() };
      this.entries.set(id, entry);
    }
    return entry;
  }

  inflight(id: string): number {
    return this.entries.get(id)?.inflight ?? 0;
  }

  /** The EWMA as of now (decayed since the last observation). */
  latency(id: string): number {
    const entry = this.entries.get(id);
    if (!entry) return this.defaultRttMs;
    const elapsed = Math.max(0, this.now() - entry.stamp);
    return entry.ewma * Math.exp(-elapsed / this.decayMs);
  }

  /** Linkerd's cost: expected latency times the queue this call would join. */
  cost(id: string): number {
    return this.latency(id) * (this.inflight(id) + 1);
  }

  /** Marks a call started; the returned function ends it with its latency (or none when it failed to connect). */
  begin(id: string): (latencyMs?: number) => void {
    const entry = this.entry(id);
    entry.inflight += 1;
    let ended = false;
    return (latencyMs) => {
      if (ended) return;
      ended = true;
      entry.inflight = Math.max(0, entry.inflight - 1);
      if (latencyMs !== undefined) this.observe(entry, latencyMs);
    };
  }

  private observe(entry: Entry, rtt: number): void {
    const now = this.now();
    const elapsed = Math.max(0, now - entry.stamp);
    entry.stamp = now;
    if (rtt > entry.ewma) {
      entry.ewma = rtt;
      return;
    }
    const w = Math.exp(-elapsed / this.decayMs);
    entry.ewma = entry.ewma * w + rtt * (1 - w);
  }

  /** Forgets instances that are gone, so the table does not grow with churn. */
  retain(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of this.entries.keys()) if (!keep.has(id) && this.entries.get(id)!.inflight === 0) this.entries.delete(id);
  }
}
