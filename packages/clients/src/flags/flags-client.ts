import { hostname as osHostname } from 'node:os';
import {
  applyDeltaEvents,
  type CompiledFlags,
  compileFlags,
  type DeltaEvent,
  type EvaluationResult,
  isEnabled as engineIsEnabled,
  evaluate,
  type Flag,
  type FlagsDocument,
  type OpenFeatureResolution,
  type Segment,
  toEngineContext,
  toResolution,
  type VariantResult,
} from '@trellis/flag-engine';
import type { Client } from 'openapi-fetch';
import { createTrellisClient } from '../create-client.js';
import type { components, paths } from '../generated/flags-svc.js';
import { watchServerSentEvents } from '../sse.js';

export type FlagEvent = components['schemas']['FlagEvent'];
export type FeaturesDocument = components['schemas']['FeaturesDocument'];

export interface FlagsClientOptions {
  /** Where flags-svc is, e.g. http://127.0.0.1:7105 */
  baseUrl: string;
  /** Default "default". */
  environment?: string;
  apiKey?: string | undefined;
  fetch?: typeof fetch;
  /** Host name for the applicationHostname strategy (a context's `hostname` wins); default os.hostname(). */
  hostname?: string;
  /** Delay before reconnecting a dropped watch (the server's `retry:` overrides it). */
  retryMs?: number;
  /** How often evaluation counts are reported to flags-svc; 0 turns reporting off. Default 60 s. */
  usageReportIntervalMs?: number;
  appName?: string;
  /** Told about watch failures it recovers from; default silent. */
  onError?: (error: unknown) => void;
}

export interface FlagsChange {
  revision: number;
  /** Flags that changed (for a segment change: every flag, since any may use it). */
  flags: string[];
}

type ChangeListener = (change: FlagsChange) => void;
type EventListener = (event: FlagEvent) => void;

interface UsageCell {
  yes: number;
  no: number;
  variants: Record<string, number>;
}

function eventToDelta(event: FlagEvent): DeltaEvent | undefined {
  const d = event.data;
  switch (event.type) {
    case 'feature-updated':
      return d.feature ? { eventId: event.revision, type: 'feature-updated', feature: d.feature as unknown as Flag } : undefined;
    case 'feature-removed':
      return d.featureName ? { eventId: event.revision, type: 'feature-removed', featureName: d.featureName } : undefined;
    case 'segment-updated':
      return d.segment ? { eventId: event.revision, type: 'segment-updated', segment: d.segment as unknown as Segment } : undefined;
    case 'segment-removed':
      return d.segmentId !== undefined ? { eventId: event.revision, type: 'segment-removed', segmentId: d.segmentId } : undefined;
    case 'environment-deleted':
      return { eventId: event.revision, type: 'hydration', features: [], segments: [] };
    default:
      return undefined;
  }
}

class CompactedError extends Error {}

/**
 * Feature flags evaluated in-process with @trellis/flag-engine (the engine flags-svc uses), from
 * the environment's features document kept fresh by flags-svc's change stream. Evaluation never
 * does I/O. A dropped stream resumes from the last revision seen (Last-Event-ID), so no change
 * is missed; when the server no longer has that history, the client re-reads the document.
 */
export class FlagsClient {
  readonly environment: string;
  private readonly api: Client<paths>;
  private readonly hostname: string;
  private compiledFlags: CompiledFlags | undefined;
  private doc: FlagsDocument = { features: [], segments: [] };
  private currentRevision = -1;
  private lastSyncAt = 0;
  private connected = false;
  private readonly listeners = new Set<ChangeListener>();
  private readonly eventListeners = new Set<EventListener>();
  private readonly waiters: { revision: number; resolve: () => void }[] = [];
  private readonly controller = new AbortController();
  private watching: Promise<void> | undefined;
  private pending: FlagEvent[] = [];
  private flushScheduled = false;
  private usage = new Map<string, UsageCell>();
  private usageStart = new Date();
  private usageTimer: NodeJS.Timeout | undefined;
  private started: Promise<void> | undefined;

  constructor(private readonly options: FlagsClientOptions) {
    this.environment = options.environment ?? 'default';
    this.hostname = options.hostname ?? osHostname();
    this.api = createTrellisClient<paths>({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
  }

  /** Reads the features document, then follows changes. Resolves once flags can be evaluated. */
  start(): Promise<void> {
    this.started ??= (async () => {
      await this.sync();
      this.watching = this.watchLoop();
      const interval = this.options.usageReportIntervalMs ?? 60_000;
      if (interval > 0) {
        this.usageTimer = setInterval(() => void this.reportUsage().catch((error) => this.options.onError?.(error)), interval);
        this.usageTimer.unref();
      }
    })();
    return this.started;
  }

  get ready(): boolean {
    return this.compiledFlags !== undefined;
  }

  /** The environment revision the flags reflect. */
  get revision(): number {
    return this.currentRevision;
  }

  /** Whether the change stream is connected right now (if not, flags may be stale). */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Milliseconds since the flags were last known to be current (0 while connected). */
  get stalenessMs(): number {
    return this.connected ? 0 : Date.now() - this.lastSyncAt;
  }

  get document(): FlagsDocument {
    return this.doc;
  }

  get flagNames(): readonly string[] {
    return this.compiledFlags?.flagNames ?? [];
  }

  /** Full evaluation (Unleash semantics, OpenFeature reason). */
  evaluate(flag: string, context: Record<string, unknown> = {}): EvaluationResult {
    const compiled = this.compiledFlags;
    if (!compiled) {
      return {
        enabled: false,
        variant: { name: 'disabled', enabled: false, featureEnabled: false },
        reason: 'ERROR',
        errorCode: 'PROVIDER_NOT_READY',
        errorMessage: 'flags are not loaded yet: await start()',
      };
    }
    const ctx = toEngineContext(context, this.environment);
    const hostname = typeof ctx.hostname === 'string' ? ctx.hostname : this.hostname;
    const result = evaluate(compiled, flag, ctx, { hostname });
    if (result.errorCode === undefined) this.count(flag, result);
    return result;
  }

  /** The hot path: no result objects are built, only the yes/no count is kept. */
  isEnabled(flag: string, context: Record<string, unknown> = {}): boolean {
    const compiled = this.compiledFlags;
    if (!compiled) return false;
    const ctx = toEngineContext(context, this.environment);
    const hostname = typeof ctx.hostname === 'string' ? ctx.hostname : this.hostname;
    const enabled = engineIsEnabled(compiled, flag, ctx, { hostname });
    if (compiled.has(flag)) {
      const cell = this.usageCell(flag);
      if (enabled) cell.yes += 1;
      else cell.no += 1;
    }
    return enabled;
  }

  getVariant(flag: string, context: Record<string, unknown> = {}): VariantResult {
    return this.evaluate(flag, context).variant;
  }

  /** The typeless OpenFeature answer flags-svc gives over OFREP and /v1/evaluate. */
  resolve(flag: string, context: Record<string, unknown> = {}): OpenFeatureResolution {
    return toResolution(this.evaluate(flag, context));
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every change event as it is applied, in revision order (a re-read after compaction sends none). */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Resolves when the flags reflect `revision` (or later); rejects after the timeout. */
  waitForRevision(revision: number, timeoutMs = 10_000): Promise<void> {
    if (this.currentRevision >= revision) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`flags did not reach revision ${revision} within ${timeoutMs} ms (at ${this.currentRevision})`));
      }, timeoutMs);
      const waiter = {
        revision,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    this.controller.abort();
    clearInterval(this.usageTimer);
    await this.watching?.catch(() => {});
    await this.reportUsage().catch(() => {});
  }

  /** Sends the evaluation counts gathered since the last report (Unleash-style metrics bucket). */
  async reportUsage(): Promise<void> {
    if (this.usage.size === 0) return;
    const toggles = Object.fromEntries(this.usage);
    const start = this.usageStart;
    this.usage = new Map();
    this.usageStart = new Date();
    const { error, response } = await this.api.POST('/v1/usage', {
      params: { query: { environment: this.environment } },
      body: {
        ...(this.options.appName ? { appName: this.options.appName } : {}),
        bucket: { start: start.toISOString(), stop: new Date().toISOString(), toggles },
      },
    });
    if (error) throw new Error(`usage report answered ${response.status}`);
  }

  private usageCell(flag: string) {
    let cell = this.usage.get(flag);
    if (!cell) {
      cell = { yes: 0, no: 0, variants: {} };
      this.usage.set(flag, cell);
    }
    return cell;
  }

  private count(flag: string, result: EvaluationResult): void {
    const cell = this.usageCell(flag);
    if (result.enabled) cell.yes += 1;
    else cell.no += 1;
    if (result.variant.enabled) cell.variants[result.variant.name] = (cell.variants[result.variant.name] ?? 0) + 1;
  }

  /** Replaces everything with the server's document at its revision. */
  private async sync(): Promise<void> {
    const { data, error, response } = await this.api.GET('/v1/flags/export', {
      params: { query: { format: 'unleash', environment: this.environment } },
    });
    if (error || !data) throw new Error(`flags-svc export answered ${response.status}: ${JSON.stringify(error)}`);
    const previous = this.doc;
    const doc: FlagsDocument = {
      features: data.features as unknown as Flag[],
      segments: data.segments as unknown as Segment[],
    };
    this.compiledFlags = compileFlags(doc, { lenient: true, hostname: this.hostname });
    this.doc = doc;
    this.pending = [];
    this.lastSyncAt = Date.now();
    const changed = new Set([...previous.features.map((f) => f.name), ...doc.features.map((f) => f.name)]);
    this.advance(data.meta.revision, [...changed]);
  }

  private async watchLoop(): Promise<void> {
    const signal = this.controller.signal;
    while (!signal.aborted) {
      try {
        const base = this.options.baseUrl.replace(/\/$/, '');
        const stream = watchServerSentEvents({
          url: `${base}/v1/watch?environment=${encodeURIComponent(this.environment)}`,
          apiKey: this.options.apiKey,
          lastEventId: String(this.currentRevision),
          signal,
          ...(this.options.retryMs !== undefined ? { retryMs: this.options.retryMs } : {}),
          fetch: this.trackingFetch,
        });
        for await (const message of stream) {
          this.connected = true;
          this.lastSyncAt = Date.now();
          if (message.event === 'compacted') throw new CompactedError('history trimmed');
          this.enqueue(JSON.parse(message.data) as FlagEvent);
        }
      } catch (error) {
        if (signal.aborted) break;
        if (!(error instanceof CompactedError)) this.options.onError?.(error);
        this.connected = false;
        // Re-read the document (after a compaction, or a stream error) and watch from its revision.
        for (let attempt = 0; !signal.aborted; attempt += 1) {
          try {
            await this.sync();
            break;
          } catch (syncError) {
            this.options.onError?.(syncError);
            await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)));
          }
        }
      } finally {
        this.connected = false;
      }
    }
  }

  /** The watch's fetch, noting whether the stream is up (the SSE reader reconnects on its own). */
  private readonly trackingFetch: typeof fetch = async (input, init) => {
    try {
      const response = await (this.options.fetch ?? fetch)(input, init);
      this.connected = response.ok;
      if (response.ok) this.lastSyncAt = Date.now();
      return response;
    } catch (error) {
      this.connected = false;
      throw error;
    }
  };

  private enqueue(event: FlagEvent): void {
    if (event.revision <= this.currentRevision) return;
    this.pending.push(event);
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    // A burst of events (an import) is applied with one compile.
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushScheduled = false;
    const events = this.pending.filter((e) => e.revision > this.currentRevision);
    this.pending = [];
    if (events.length === 0) return;
    const deltas = events.map(eventToDelta).filter((d): d is DeltaEvent => d !== undefined);
    const doc = applyDeltaEvents(this.doc, deltas);
    try {
      this.compiledFlags = compileFlags(doc, { lenient: true, hostname: this.hostname });
    } catch (error) {
      // The server validates every write, so this is a bug; keep evaluating with what compiled.
      this.options.onError?.(error);
    }
    this.doc = doc;
    for (const event of events) {
      for (const listener of this.eventListeners) {
        try {
          listener(event);
        } catch {
          // A failing listener must not stop the others.
        }
      }
    }
    const changed = new Set<string>();
    for (const e of events) {
      if (e.data.feature) changed.add(e.data.feature.name);
      else if (e.data.featureName) changed.add(e.data.featureName);
      else for (const f of doc.features) changed.add(f.name);
    }
    this.advance((events.at(-1) as FlagEvent).revision, [...changed]);
  }

  private advance(revision: number, flags: string[]): void {
    this.currentRevision = revision;
    for (let i = this.waiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.waiters[i] as (typeof this.waiters)[number];
      if (waiter.revision <= revision) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
    if (flags.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener({ revision, flags });
      } catch {
        // A failing listener must not stop the others.
      }
    }
  }
}
