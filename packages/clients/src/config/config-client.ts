import { watchServerSentEvents } from '../sse.js';
import { type ConfigApiClient, ConfigApiError, type ConfigEntry, type ConfigEvent, createConfigApiClient } from './config-api.js';
import { livenessFetch } from './stream-liveness.js';

export interface ConfigClientOptions {
  /** config-svc's base URL, e.g. http://127.0.0.1:7104 */
  baseUrl: string;
  /** e.g. `payments/prod` */
  namespace: string;
  /** Cache (and watch) only keys starting with this. */
  prefix?: string | undefined;
  apiKey?: string | undefined;
  /** Recorded as updatedBy by set()/delete() (x-trellis-actor). */
  actor?: string | undefined;
  /** A watch stream silent this long is dropped and resumed (the server sends a keep-alive every 15 s). */
  idleTimeoutMs?: number;
  /** Pause between attempts while config-svc cannot be reached. */
  retryMs?: number;
  fetch?: typeof fetch;
}

/** One key changed, as seen by this client. */
export interface ConfigChange<T = unknown> {
  key: string;
  type: 'put' | 'delete';
  /** The new value (undefined after a delete). */
  value: T | undefined;
  previousValue: T | undefined;
  /** Namespace revision of the change (for a resync: of the snapshot that revealed it). */
  revision: number;
  /** The key's version after the change. */
  version: number | undefined;
  /** 'watch': a change event; 'resync': found by re-reading the snapshot after the log was compacted. */
  source: 'watch' | 'resync';
}

export interface ConfigClientEvents {
  change: ConfigChange;
  /** The cache was (re)loaded from a snapshot: at start, and when the change log was compacted. */
  resync: { revision: number; reason: 'start' | 'compacted' };
  connected: { revision: number };
  disconnected: { revision: number };
  /** Something failed; the client keeps retrying on its own. */
  error: unknown;
}

type Listener<T> = (payload: T) => void;

export interface ConfigClientStatus {
  connected: boolean;
  revision: number;
  /** ms since the cache was last known to be current; 0 while the watch is connected. */
  stalenessMs: number;
  lastConfirmedAt: Date | undefined;
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

/**
 * A live local copy of one config-svc namespace: it reads the snapshot (every key at one
 * revision), then follows the change log from exactly that revision over SSE, so it misses
 * nothing and applies every change once, in order. When config-svc restarts, or the
 * connection drops, it resumes from the last revision it applied (Last-Event-ID); when the log
 * no longer reaches back that far ("compacted"), it re-reads the snapshot and reports what
 * changed meanwhile. Reads (`get`) are local and never fail; `staleness()` says how far to
 * trust them.
 */
export class ConfigClient {
  private readonly api: ConfigApiClient;
  private readonly entries = new Map<string, ConfigEntry>();
  private readonly listeners = new Map<keyof ConfigClientEvents, Set<Listener<never>>>();
  private readonly keyListeners = new Map<string, Set<Listener<ConfigChange>>>();
  private readonly abort = new AbortController();
  private readonly retryMs: number;
  private currentRevision = 0;
  private connected = false;
  private lastHeardAt = 0;
  private lastConfirmedAt = 0;
  private ready: Promise<void> | undefined;

  constructor(private readonly options: ConfigClientOptions) {
    this.api = createConfigApiClient({
      baseUrl: options.baseUrl,
      apiKey: options.apiKey,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.retryMs = options.retryMs ?? 1_000;
  }

  get namespace(): string {
    return this.options.namespace;
  }

  /** The namespace revision the cache reflects. */
  get revision(): number {
    return this.currentRevision;
  }

  /**
   * Loads the snapshot, then keeps the cache current in the background. Resolves once the
   * cache is loaded; while config-svc cannot be reached it keeps trying (until close()). Rejects
   * with ConfigApiError when config-svc refuses for good (e.g. 400 for an invalid namespace).
   */
  start(): Promise<void> {
    this.ready ??= (async () => {
      await this.resync('start');
      void this.follow();
    })();
    return this.ready;
  }

  close(): void {
    this.abort.abort();
    this.setDisconnected(false);
  }

  // --- reads (local) ---

  /**
   * The cached value of `key`, or `defaultValue` when the key is absent or its JSON type
   * differs from the default's (a number where a string was expected is a default, not a crash).
   */
  get<T>(key: string, defaultValue: T): T;
  get<T = unknown>(key: string): T | undefined;
  get<T>(key: string, ...rest: [T?]): T | undefined {
    const entry = this.entries.get(key);
    const defaultValue = rest[0];
    if (!entry) return defaultValue;
    if (rest.length > 0 && defaultValue !== undefined && jsonType(entry.value) !== jsonType(defaultValue)) return defaultValue;
    return entry.value as T;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  keys(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** The key's value with its version, revisions, updatedAt, updatedBy and ETag. */
  entry(key: string): ConfigEntry | undefined {
    return this.entries.get(key);
  }

  /** Every cached key and value. */
  toObject(): Record<string, unknown> {
    return Object.fromEntries(this.keys().map((key) => [key, this.entries.get(key)!.value]));
  }

  /** ms since the cache was last known to be current: 0 while the watch is connected. */
  staleness(): number {
    if (this.connected) return 0;
    return this.lastConfirmedAt === 0 ? Number.POSITIVE_INFINITY : Date.now() - this.lastConfirmedAt;
  }

  isConnected(): boolean {
    return this.connected;
  }

  status(): ConfigClientStatus {
    return {
      connected: this.connected,
      revision: this.currentRevision,
      stalenessMs: this.staleness(),
      lastConfirmedAt: this.lastConfirmedAt ? new Date(this.lastConfirmedAt) : undefined,
    };
  }

  // --- listeners ---

  on<E extends keyof ConfigClientEvents>(event: E, listener: Listener<ConfigClientEvents[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  /** Calls `listener` for every change of one key. */
  onKey<T = unknown>(key: string, listener: Listener<ConfigChange<T>>): () => void {
    let set = this.keyListeners.get(key);
    if (!set) this.keyListeners.set(key, (set = new Set()));
    set.add(listener as Listener<ConfigChange>);
    return () => set.delete(listener as Listener<ConfigChange>);
  }

  private emit<E extends keyof ConfigClientEvents>(event: E, payload: ConfigClientEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) {
      try {
        (listener as Listener<ConfigClientEvents[E]>)(payload);
      } catch (error) {
        // A failing listener must not stop the others, nor the watch.
        if (event !== 'error') this.emit('error', error);
      }
    }
  }

  private emitChange(change: ConfigChange): void {
    this.emit('change', change);
    for (const listener of this.keyListeners.get(change.key) ?? []) {
      try {
        listener(change);
      } catch (error) {
        this.emit('error', error);
      }
    }
  }

  // --- writes (through config-svc; the cache sees them when the watch delivers them) ---

  async set<T>(key: string, value: T, conditions: { ifMatch?: string; ifNoneMatch?: string } = {}): Promise<ConfigEntry> {
    const { data, error, response } = await this.api.PUT('/v1/config/{namespace}/{key}', {
      params: { path: { namespace: this.namespace, key }, header: this.writeHeaders(conditions) },
      body: { value },
    });
    if (!data) throw new ConfigApiError(response.status, error as ConfigApiError['problem']);
    return data;
  }

  async delete(key: string, conditions: { ifMatch?: string } = {}): Promise<void> {
    const { error, response } = await this.api.DELETE('/v1/config/{namespace}/{key}', {
      params: { path: { namespace: this.namespace, key }, header: this.writeHeaders(conditions) },
    });
    if (!response.ok) throw new ConfigApiError(response.status, error as ConfigApiError['problem']);
  }

  private writeHeaders(conditions: { ifMatch?: string; ifNoneMatch?: string }) {
    return {
      ...(conditions.ifMatch ? { 'if-match': conditions.ifMatch } : {}),
      ...(conditions.ifNoneMatch ? { 'if-none-match': conditions.ifNoneMatch } : {}),
      ...(this.options.actor ? { 'x-trellis-actor': this.options.actor } : {}),
    };
  }

  // --- keeping the cache current ---

  /** Replaces the cache with a fresh snapshot (retrying until it succeeds), reporting differences. */
  private async resync(reason: 'start' | 'compacted'): Promise<void> {
    for (;;) {
      if (this.abort.signal.aborted) throw new Error('ConfigClient closed');
      try {
        const { data, error, response } = await this.api.GET('/v1/config/{namespace}', {
          params: { path: { namespace: this.namespace }, query: this.options.prefix ? { prefix: this.options.prefix } : {} },
          signal: this.abort.signal,
        });
        if (!data) throw new ConfigApiError(response.status, error as ConfigApiError['problem']);
        this.replaceAll(data.entries, data.revision, reason);
        return;
      } catch (error) {
        if (this.abort.signal.aborted) throw new Error('ConfigClient closed');
        // At start, an answer that will never change (bad namespace, bad key) fails start().
        if (reason === 'start' && error instanceof ConfigApiError && error.status >= 400 && error.status < 500 && error.status !== 429) {
          throw error;
        }
        this.emit('error', error);
        await sleep(this.retryMs, this.abort.signal);
      }
    }
  }

  private replaceAll(entries: ConfigEntry[], revision: number, reason: 'start' | 'compacted'): void {
    const previous = new Map(this.entries);
    this.entries.clear();
    for (const entry of entries) this.entries.set(entry.key, entry);
    this.currentRevision = revision;
    this.lastConfirmedAt = Date.now();
    if (reason === 'compacted') {
      for (const entry of entries) {
        const before = previous.get(entry.key);
        if (before?.modRevision === entry.modRevision) continue;
        this.emitChange({
          key: entry.key,
          type: 'put',
          value: entry.value,
          previousValue: before?.value,
          revision,
          version: entry.version,
          source: 'resync',
        });
      }
      for (const [key, before] of previous) {
        if (this.entries.has(key)) continue;
        this.emitChange({ key, type: 'delete', value: undefined, previousValue: before.value, revision, version: undefined, source: 'resync' });
      }
    }
    this.emit('resync', { revision, reason });
  }

  /** Follows the change log forever (until close), resuming from the last applied revision. */
  private async follow(): Promise<void> {
    const baseFetch = this.options.fetch ?? fetch;
    const watchFetch = livenessFetch(baseFetch, this.options.idleTimeoutMs ?? 45_000, {
      opened: () => {
        this.lastHeardAt = Date.now();
        this.setConnected();
      },
      heard: () => {
        this.lastHeardAt = Date.now();
      },
      closed: (clean) => this.setDisconnected(clean),
    });
    const query = this.options.prefix ? `?prefix=${encodeURIComponent(this.options.prefix)}` : '';
    const url = `${this.options.baseUrl.replace(/\/$/, '')}/v1/config/${encodeURIComponent(this.namespace)}/_watch${query}`;

    while (!this.abort.signal.aborted) {
      let compacted = false;
      try {
        for await (const message of watchServerSentEvents({
          url,
          apiKey: this.options.apiKey,
          lastEventId: String(this.currentRevision),
          signal: this.abort.signal,
          retryMs: this.retryMs,
          fetch: watchFetch,
        })) {
          if (message.event === 'compacted') {
            compacted = true;
            break;
          }
          await this.apply(JSON.parse(message.data) as ConfigEvent);
        }
      } catch (error) {
        // A 4xx from the watch, or a change we could not apply: resume from the last applied revision.
        if (this.abort.signal.aborted) return;
        this.emit('error', error);
        await sleep(this.retryMs, this.abort.signal);
        continue;
      }
      if (this.abort.signal.aborted) return;
      if (compacted) await this.resync('compacted').catch(() => {});
    }
  }

  private async apply(event: ConfigEvent): Promise<void> {
    if (event.revision <= this.currentRevision) return;
    const { key } = event.data;
    if (key !== undefined && (event.type === 'put' || event.type === 'delete')) {
      const before = this.entries.get(key);
      if (event.type === 'put') {
        const entry = event.data.valueOmitted ? await this.fetchEntry(key) : this.entryFromEvent(event, key);
        // A fetched entry may already be newer than this event (or gone): never step back.
        if (entry && !(before && before.modRevision >= entry.modRevision)) {
          this.entries.set(key, entry);
          this.emitChange({
            key,
            type: 'put',
            value: entry.value,
            previousValue: before?.value,
            revision: event.revision,
            version: entry.version,
            source: 'watch',
          });
        }
      } else if (before && before.modRevision < event.revision) {
        this.entries.delete(key);
        this.emitChange({
          key,
          type: 'delete',
          value: undefined,
          previousValue: before.value,
          revision: event.revision,
          version: event.data.version,
          source: 'watch',
        });
      }
    }
    this.currentRevision = event.revision;
    this.lastConfirmedAt = Date.now();
  }

  private entryFromEvent(event: ConfigEvent, key: string): ConfigEntry {
    const { data } = event;
    return {
      namespace: this.namespace,
      key,
      value: data.value,
      version: data.version ?? 0,
      createRevision: data.createRevision ?? event.revision,
      modRevision: event.revision,
      updatedAt: data.updatedAt,
      updatedBy: data.updatedBy,
      etag: `"${event.revision}"`,
    };
  }

  /** Values too large to travel in events are read from config-svc: the current entry, or undefined if deleted since. */
  private async fetchEntry(key: string): Promise<ConfigEntry | undefined> {
    const { data, error, response } = await this.api.GET('/v1/config/{namespace}/{key}', {
      params: { path: { namespace: this.namespace, key } },
      signal: this.abort.signal,
    });
    if (response.status === 404) return undefined;
    if (!data) throw new ConfigApiError(response.status, error as ConfigApiError['problem']);
    return data;
  }

  private setConnected(): void {
    if (this.connected) return;
    this.connected = true;
    this.emit('connected', { revision: this.currentRevision });
  }

  private setDisconnected(clean: boolean): void {
    if (!this.connected) return;
    this.connected = false;
    // A stream the server ended was current until now; a failed or silent one, until we last heard from it.
    this.lastConfirmedAt = Math.max(this.lastConfirmedAt, clean ? Date.now() : this.lastHeardAt);
    this.emit('disconnected', { revision: this.currentRevision });
  }
}
