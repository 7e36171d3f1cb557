import type { FastifyBaseLogger } from 'fastify';
import type { MetricsService, RecordedCall } from './metrics-service.js';

const MAX_BUFFERED = 50_000;

/**
 * Buffers the proxy's calls and writes them in batches, so a proxied call costs no Redis round
 * trip. While Redis is away the calls wait (up to a bound; the oldest are dropped and counted).
 */
export class CallRecorder {
  private buffer: { call: Omit<RecordedCall, 'agoMs'>; endedAt: number }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  dropped = 0;

  constructor(
    private readonly metrics: MetricsService,
    private readonly flushMs: number,
    private readonly log: FastifyBaseLogger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  record(call: Omit<RecordedCall, 'agoMs'>): void {
    this.buffer.push({ call, endedAt: Date.now() });
    if (this.buffer.length > MAX_BUFFERED) {
      const excess = this.buffer.length - MAX_BUFFERED;
      this.buffer.splice(0, excess);
      this.dropped += excess;
    }
  }

  flush(): Promise<void> {
    this.flushing ??= this.write().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async write(): Promise<void> {
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    const now = Date.now();
    try {
      await this.metrics.record(batch.map(({ call, endedAt }) => ({ ...call, agoMs: Math.max(0, now - endedAt) })));
    } catch (error) {
      this.buffer = batch.concat(this.buffer).slice(-MAX_BUFFERED);
      this.log.warn({ err: error, pending: this.buffer.length }, 'could not write call metrics; will retry');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}
