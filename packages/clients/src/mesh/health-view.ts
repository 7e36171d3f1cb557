export type HealthStatusName = 'passing' | 'warning' | 'critical' | 'maintenance';

/** What the discovery-aware client reads from health-svc about one instance. */
export interface InstanceHealthSummary {
  instanceId: string;
  status: HealthStatusName;
  /** Registry epoch the status belongs to; a re-registered instance starts unknown again. */
  epoch: number | undefined;
}

export interface HealthViewOptions {
  healthUrl: string;
  apiKey?: string | undefined;
  service: string;
  /** Poll period when health-svc answers without a revision to block on (default 2 s). */
  refreshMs?: number;
  /** Blocking-query wait per request (default 30 s). */
  watchTimeoutSeconds?: number;
  /** Statuses older than this without a successful refresh are dropped: fail open (default 30 s). */
  staleAfterMs?: number;
  fetch?: typeof fetch;
}

const STATUS_ALIASES: Record<string, HealthStatusName> = {
  passing: 'passing',
  pass: 'passing',
  warning: 'warning',
  warn: 'warning',
  critical: 'critical',
  fail: 'critical',
  maintenance: 'maintenance',
};

type Json = Record<string, unknown>;

function parseInstance(value: unknown): InstanceHealthSummary | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const item = value as Json;
  const instanceId = item.instanceId ?? item.id ?? (item.instance as Json | undefined)?.instanceId;
  const status = STATUS_ALIASES[String(item.status ?? (item.health as Json | undefined)?.status ?? '').toLowerCase()];
  if (typeof instanceId !== 'string' || !status) return undefined;
  return { instanceId, status, epoch: typeof item.epoch === 'number' ? item.epoch : undefined };
}

/**
 * Which instances of one service health-svc considers healthy: listed with their statuses
 * (`GET /v1/health/services/{service}`), then kept fresh by blocking queries on that list from
 * the revision it reflects. When health-svc is unreachable for long it fails open: the registry
 * and the caller's own outlier detection still guard the calls.
 */
export class HealthView {
  private statuses = new Map<string, InstanceHealthSummary>();
  private revision: number | undefined;
  private lastSync = 0;
  private readonly abort = new AbortController();
  private ready: Promise<void> | undefined;
  private readonly doFetch: typeof fetch;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: HealthViewOptions) {
    this.doFetch = options.fetch ?? fetch;
  }

  /** Resolves after the first attempt to list, successful or not (health is advisory). */
  start(): Promise<void> {
    this.ready ??= this.list()
      .catch(() => {})
      .then(() => {
        void this.follow();
      });
    return this.ready;
  }

  close(): void {
    this.abort.abort();
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether the view holds statuses confirmed recently enough to act on. */
  isFresh(): boolean {
    return this.lastSync > 0 && Date.now() - this.lastSync <= (this.options.staleAfterMs ?? 30_000);
  }

  /** The status of an instance, or undefined when health-svc has not (or not recently) said. */
  statusOf(instanceId: string, epoch?: number): HealthStatusName | undefined {
    if (!this.isFresh()) return undefined;
    const health = this.statuses.get(instanceId);
    if (!health) return undefined;
    // Health of an earlier registration says nothing about this one.
    if (epoch !== undefined && health.epoch !== undefined && health.epoch < epoch) return undefined;
    return health.status;
  }

  /**
   * The instances that should take traffic: passing ones and ones health-svc has not checked
   * yet; warning ones only when nothing better is left; never critical or maintenance.
   */
  filter<E extends { instanceId: string; epoch?: number }>(instances: readonly E[]): E[] {
    const good: E[] = [];
    const degraded: E[] = [];
    for (const instance of instances) {
      const status = this.statusOf(instance.instanceId, instance.epoch);
      if (status === undefined || status === 'passing') good.push(instance);
      else if (status === 'warning') degraded.push(instance);
    }
    return good.length > 0 ? good : degraded;
  }

  private url(path: string): string {
    return `${this.options.healthUrl.replace(/\/$/, '')}${path}`;
  }

  private headers(): Record<string, string> {
    return { accept: 'application/json', ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}) };
  }

  /**
   * Lists every instance with its status. With `afterRevision` it is a blocking query (as
   * Consul's `?index=`): health-svc answers once the service's health revision passes it.
   */
  private async list(afterRevision?: number): Promise<void> {
    const query = afterRevision === undefined ? '' : `?afterRevision=${afterRevision}&timeoutSeconds=${this.options.watchTimeoutSeconds ?? 30}`;
    const signal =
      afterRevision === undefined ? AbortSignal.any([this.abort.signal, AbortSignal.timeout(5_000)]) : this.abort.signal;
    const response = await this.doFetch(this.url(`/v1/health/services/${encodeURIComponent(this.options.service)}${query}`), {
      headers: this.headers(),
      signal,
    });
    const type = response.headers.get('content-type') ?? '';
    // Consul's convention: 200, 429 and 503 all carry the list (overall passing, warning, critical);
    // a problem+json answer is an error of health-svc itself (e.g. its Redis is away).
    if (![200, 429, 503].includes(response.status) || type.includes('problem+json')) {
      await response.body?.cancel();
      throw new Error(`health-svc answered ${response.status}`);
    }
    const body = (await response.json()) as Json | unknown[];
    const items = Array.isArray(body) ? body : Array.isArray(body.instances) ? body.instances : undefined;
    if (!items) throw new Error('health-svc answered without an instance list');
    const revision = !Array.isArray(body) && typeof body.revision === 'number' ? body.revision : undefined;
    const changed = revision === undefined || revision !== this.revision;
    this.statuses = new Map(
      items.map(parseInstance).filter((item): item is InstanceHealthSummary => item !== undefined).map((item) => [item.instanceId, item]),
    );
    this.revision = revision;
    this.lastSync = Date.now();
    if (changed) this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private async follow(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (this.revision === undefined) {
          // No revision to block on (first failure, or a health-svc without one): poll.
          if (this.lastSync !== 0) await delay(this.options.refreshMs ?? 2_000, this.abort.signal);
          if (this.abort.signal.aborted) return;
          await this.list();
        } else {
          await this.list(this.revision);
        }
        failures = 0;
      } catch {
        if (this.abort.signal.aborted) return;
        failures += 1;
        await delay(Math.min(5_000, 100 * 2 ** failures) * (0.5 + Math.random() / 2), this.abort.signal);
      }
    }
  }
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
