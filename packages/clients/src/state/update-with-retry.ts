import { type StateApiClient, StateApiError, type StateDocument, stateApiError } from './state-api.js';

export interface UpdateWithRetryOptions {
  /** Attempts before giving up with a StateConflictError (default 100). */
  maxAttempts?: number;
  /** Backoff after a lost compare-and-set: full jitter, doubling from this (default 10 ms)... */
  baseDelayMs?: number;
  /** ...up to this (default 250 ms). */
  maxDelayMs?: number;
  /** TTL for the written version; a write without one makes the document permanent. */
  ttlMs?: number;
  /** Recorded as updatedBy (X-Trellis-Actor). */
  actor?: string;
  /** Fenced write: the lock held and its fencing token (see withLock). */
  fence?: { 'x-fencing-lock': string; 'x-fencing-token': number };
  signal?: AbortSignal;
}

export interface UpdateResult {
  /** The document as written (or as read, when `update` returned undefined). */
  document: StateDocument;
  /** Read-modify-write rounds it took (1 = no conflict). */
  attempts: number;
}

/** Every attempt lost its compare-and-set to another writer. */
export class StateConflictError extends StateApiError {
  override readonly name = 'StateConflictError';
  constructor(
    readonly attempts: number,
    problem: StateApiError['problem'],
  ) {
    super(412, problem);
    this.message = `gave up after ${attempts} attempts: the document kept changing`;
  }
}

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Read, modify, compare-and-set, retried on 412: `update` gets the current data (undefined when
 * the document does not exist) and returns the new data, or undefined to leave it as it is. The
 * write carries If-Match with the version read (If-None-Match: * when creating), so it lands
 * only on what `update` saw: no update is ever lost. `update` may run several times.
 */
export async function updateWithRetry<T>(
  client: StateApiClient,
  namespace: string,
  key: string,
  update: (current: T | undefined, document: StateDocument | undefined) => T | undefined | Promise<T | undefined>,
  options: UpdateWithRetryOptions = {},
): Promise<UpdateResult> {
  const maxAttempts = options.maxAttempts ?? 100;
  const base = options.baseDelayMs ?? 10;
  const cap = options.maxDelayMs ?? 250;
  const path = { namespace, key };
  let lastProblem: StateApiError['problem'];
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    const read = await client.GET('/v1/state/{namespace}/{key}', { params: { path }, signal: options.signal });
    if (read.error && read.response.status !== 404) throw stateApiError(read.response, read.error);
    const current = read.data;

    const next = await update(current?.data as T | undefined, current);
    if (next === undefined) {
      if (!current) throw new StateApiError(404, { code: 'NOT_FOUND', detail: `${namespace}/${key} does not exist and update wrote nothing` });
      return { document: current, attempts: attempt };
    }

    const written = await client.PUT('/v1/state/{namespace}/{key}', {
      params: {
        path,
        header: {
          ...(current ? { 'if-match': current.etag } : { 'if-none-match': '*' }),
          ...(options.actor ? { 'x-trellis-actor': options.actor } : {}),
          ...(options.fence ?? {}),
        },
      },
      body: { data: next, ...(options.ttlMs ? { ttlMs: options.ttlMs } : {}) },
      signal: options.signal,
    });
    if (written.data) return { document: written.data, attempts: attempt };
    if (written.response.status !== 412) throw stateApiError(written.response, written.error);
    lastProblem = written.error as StateApiError['problem'];
    await sleep(Math.random() * Math.min(cap, base * 2 ** (attempt - 1)), options.signal);
  }
  throw new StateConflictError(maxAttempts, lastProblem);
}
