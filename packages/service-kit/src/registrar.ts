import type { FastifyBaseLogger } from 'fastify';

export interface RegistrationInfo {
  service: string;
  instanceId: string;
  host: string;
  port: number;
  version: string;
  zone: string;
  ttlSeconds: number;
  healthPath: string;
  tags?: string[];
  metadata?: Record<string, string>;
  weight?: number;
}

export interface RegistrarOptions {
  registryUrl: string;
  apiKey?: string | undefined;
  logger: FastifyBaseLogger;
  /** Per-call deadline, so a hung registry never blocks heartbeats or shutdown. */
  requestTimeoutMs?: number;
}

/**
 * Keeps this instance registered with registry-svc (DESIGN §5): register after listen,
 * heartbeat at TTL/3, re-register when the registry forgot us (404), back off and keep
 * serving while the registry is down, and on shutdown mark draining, then deregister.
 */
export class Registrar {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  private registered = false;
  private lastError: string | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly info: RegistrationInfo,
    private readonly options: RegistrarOptions,
  ) {}

  status(): { registered: boolean; lastError: string | undefined } {
    return { registered: this.registered, lastError: this.lastError };
  }

  private instanceUrl(suffix = ''): string {
    const base = this.options.registryUrl.replace(/\/$/, '');
    return `${base}/v1/services/${encodeURIComponent(this.info.service)}/instances/${encodeURIComponent(this.info.instanceId)}${suffix}`;
  }

  private async call(method: string, url: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<Response> {
    return fetch(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.options.apiKey ? { authorization: `Bearer ${this.options.apiKey}` } : {}),
        ...extraHeaders,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? 2_000),
    });
  }

  /** Registers now (awaiting the first attempt) and keeps the lease alive from then on. */
  async start(): Promise<void> {
    await this.tick(true);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(false), delayMs);
    this.timer.unref();
  }

  private async register(): Promise<void> {
    const { service: _service, instanceId: _id, ...body } = this.info;
    const response = await this.call('PUT', this.instanceUrl(), body);
    if (!response.ok) throw new Error(`register answered ${response.status}: ${await response.text()}`);
    await response.body?.cancel();
    if (!this.registered) this.options.logger.info({ registry: this.options.registryUrl }, 'registered with registry-svc');
    this.registered = true;
  }

  /** Renews the lease with `status`; the answer comes back with its body already discarded. */
  private async sendHeartbeat(status: 'UP' | 'DRAINING'): Promise<Response> {
    // The answer's body would be thrown away: ask for none (registry-svc answers 204).
    const response = await this.call('PUT', this.instanceUrl('/heartbeat'), { status }, { prefer: 'return=minimal' });
    await response.body?.cancel();
    return response;
  }

  private async heartbeat(): Promise<void> {
    const response = await this.sendHeartbeat('UP');
    if (response.status === 404) {
      // Our lease lapsed (the registry was down longer than the TTL, or lost its data).
      this.options.logger.warn('registry forgot this instance; registering again');
      this.registered = false;
      await this.register();
      return;
    }
    if (!response.ok) throw new Error(`heartbeat answered ${response.status}`);
  }

  private tick(first: boolean): Promise<void> {
    const run = this.attempt(first);
    this.inFlight = run;
    return run;
  }

  private async attempt(first: boolean): Promise<void> {
    const interval = Math.max(1_000, Math.floor((this.info.ttlSeconds * 1_000) / 3));
    try {
      if (this.registered) await this.heartbeat();
      else await this.register();
      this.failures = 0;
      this.lastError = undefined;
      this.schedule(interval);
    } catch (error) {
      this.failures += 1;
      this.lastError = (error as Error).message;
      if (this.failures === 1 || this.failures % 10 === 0) {
        this.options.logger.warn({ err: error, failures: this.failures }, 'registry unreachable; will retry');
      }
      // Exponential backoff with full jitter, never longer than the heartbeat interval.
      const backoff = Math.min(interval, 250 * 2 ** Math.min(this.failures, 8));
      this.schedule(Math.round(backoff / 2 + Math.random() * (backoff / 2)));
      if (first) return;
    }
  }

  /** Shutdown: stop heartbeats, mark DRAINING (callers stop picking us), then deregister. */
  async drain(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A registration or heartbeat already on the wire lands first.
    await this.inFlight;
    if (!this.registered) return;
    try {
      await this.sendHeartbeat('DRAINING');
    } catch {
      // Best effort: deregistration below is what matters.
    }
  }

  async deregister(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A registration or heartbeat already on the wire lands first.
    await this.inFlight;
    if (!this.registered) return;
    try {
      const response = await this.call('DELETE', this.instanceUrl());
      await response.body?.cancel();
      this.registered = false;
      this.options.logger.info('deregistered from registry-svc');
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not deregister; the lease will expire');
    }
  }
}
