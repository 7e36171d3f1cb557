import { createTrellisClient } from '../create-client.js';
import type { paths } from '../generated/mesh-svc.js';

export interface MetricsReporterOptions {
  meshUrl: string;
  apiKey?: string | undefined;
  source: string;
  /** How often batches are sent (default 5 s). */
  flushMs?: number;
  /** A batch is sent early once this many calls wait (default 1 000; mesh-svc takes up to 5 000). */
  batchSize?: number;
  /** Calls kept while mesh-svc is unreachable; the oldest go first (default 20 000). */
  maxBuffered?: number;
  fetch?: typeof fetch;
}

interface PendingCall {
  destination: string;
  status: number;
  latencyMs: number;
  endedAt: number;
}

const MAX_BATCH = 5_000;

/**
 * Reports the calls a client made to mesh-svc in batches (`POST /v1/metrics/calls`), each call
 * with its age rather than a timestamp, so mesh-svc files it by its own clock. Reporting never
 * blocks or fails a call: while mesh-svc is away calls wait, bounded, and the oldest are dropped.
 */
export class MetricsReporter {
  private buffer: PendingCall[] = [];
  private readonly timer: NodeJS.Timeout;
  private sending: Promise<void> | undefined;
  private readonly client;
  dropped = 0;

  constructor(private readonly options: MetricsReporterOptions) {
    this.client = createTrellisClient<paths>({ baseUrl: options.meshUrl, apiKey: options.apiKey, ...(options.fetch ? { fetch: options.fetch } : {}) });
    this.timer = setInterval(() => void this.flush(), options.flushMs ?? 5_000);
    this.timer.unref();
  }

  /** `status` 0 means no answer came. */
  record(destination: string, status: number, latencyMs: number): void {
    this.buffer.push({ destination, status, latencyMs, endedAt: Date.now() });
    const max = this.options.maxBuffered ?? 20_000;
    if (this.buffer.length > max) {
      this.dropped += this.buffer.length - max;
      this.buffer.splice(0, this.buffer.length - max);
    }
    if (this.buffer.length >= (this.options.batchSize ?? 1_000)) void this.flush();
  }

  get pending(): number {
    return this.buffer.length;
  }

  /** Sends everything waiting now (in batches); resolves when done or when mesh-svc refused. */
  flush(): Promise<void> {
    this.sending ??= this.send().finally(() => {
      this.sending = undefined;
    });
    return this.sending;
  }

  private async send(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, MAX_BATCH);
      const now = Date.now();
      try {
        const { error, response } = await this.client.POST('/v1/metrics/calls', {
          body: {
            source: this.options.source,
            calls: batch.map((call) => ({
              destination: call.destination,
              status: call.status,
              latencyMs: Math.round(call.latencyMs * 1_000) / 1_000,
              agoMs: Math.min(3_600_000, Math.max(0, now - call.endedAt)),
            })),
          },
          signal: AbortSignal.timeout(10_000),
        });
        if (error) {
          // A 4xx will not get better by resending: drop the batch. Otherwise try later.
          if (response.status >= 400 && response.status < 500) this.dropped += batch.length;
          else this.buffer.unshift(...batch);
          return;
        }
      } catch {
        this.buffer.unshift(...batch);
        return;
      }
    }
  }

  /** Stops the timer after a last flush. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
