import type { Client } from 'openapi-fetch';
import { createTrellisClient, type TrellisClientOptions } from '../create-client.js';
import type { components, paths } from '../generated/session-svc.js';

export type SessionApiClient = Client<paths>;
export type TrellisSession = components['schemas']['Session'];
export type TrellisSessionData = components['schemas']['SessionData'];
export type TrellisSessionSummary = components['schemas']['SessionSummary'];
export type TrellisSessionEvent = components['schemas']['SessionEvent'];
export type CreateSessionRequest = components['schemas']['CreateSession'];

/** The typed session-svc client, generated from its OpenAPI document. */
export function createSessionApiClient(options: TrellisClientOptions): SessionApiClient {
  return createTrellisClient<paths>(options);
}

/** Ids session-svc issues: 44 base64url characters. Anything else is not worth a request. */
export function looksLikeSessionId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{44}$/.test(value);
}

export interface SessionProblem {
  code?: string;
  detail?: string;
  currentETag?: string;
  [extension: string]: unknown;
}

/** A session-svc answer other than success (and other than the 404 the methods turn into undefined). */
export class SessionApiError extends Error {
  override readonly name: string = 'SessionApiError';
  constructor(
    readonly status: number,
    readonly problem: SessionProblem | undefined,
  ) {
    super(`session-svc answered ${status}${problem?.code ? ` ${problem.code}` : ''}${problem?.detail ? `: ${problem.detail}` : ''}`);
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

function failure(response: Response, error: unknown): SessionApiError {
  return new SessionApiError(response.status, typeof error === 'object' && error !== null ? (error as SessionProblem) : undefined);
}

/**
 * The session operations the Fastify plugin and the express-session store need, over the typed
 * client: an unknown, expired or malformed id is `undefined` (or false), never an exception.
 */
export class SessionApi {
  readonly client: SessionApiClient;

  constructor(options: TrellisClientOptions) {
    this.client = createSessionApiClient(options);
  }

  async get(sessionId: string, options: { touch?: boolean } = {}): Promise<TrellisSession | undefined> {
    if (!looksLikeSessionId(sessionId)) return undefined;
    const { data, error, response } = await this.client.GET('/v1/sessions/{sessionId}', {
      params: { path: { sessionId }, query: { touch: options.touch ?? true } },
    });
    if (response.status === 404) return undefined;
    if (!data) throw failure(response, error);
    return data;
  }

  async create(body: CreateSessionRequest): Promise<TrellisSession> {
    const { data, error, response } = await this.client.POST('/v1/sessions', { body });
    if (!data) throw failure(response, error);
    return data;
  }

  /** JSON Merge Patch on the data; `ifMatch` is a version (the ETag without quotes). */
  async patch(sessionId: string, patch: TrellisSessionData, options: { ifMatch?: number } = {}): Promise<TrellisSession | undefined> {
    if (!looksLikeSessionId(sessionId)) return undefined;
    const { data, error, response } = await this.client.PATCH('/v1/sessions/{sessionId}', {
      params: {
        path: { sessionId },
        header: options.ifMatch === undefined ? undefined : { 'if-match': `"${options.ifMatch}"` },
      },
      body: patch,
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    if (response.status === 404) return undefined;
    if (!data) throw failure(response, error);
    return data;
  }

  async replaceData(sessionId: string, body: TrellisSessionData): Promise<TrellisSession | undefined> {
    if (!looksLikeSessionId(sessionId)) return undefined;
    const { data, error, response } = await this.client.PUT('/v1/sessions/{sessionId}/data', { params: { path: { sessionId } }, body });
    if (response.status === 404) return undefined;
    if (!data) throw failure(response, error);
    return data;
  }

  async rotate(sessionId: string, options: { graceSeconds?: number } = {}): Promise<TrellisSession | undefined> {
    if (!looksLikeSessionId(sessionId)) return undefined;
    const { data, error, response } = await this.client.POST('/v1/sessions/{sessionId}/rotate', {
      params: { path: { sessionId } },
      body: options.graceSeconds === undefined ? {} : { graceSeconds: options.graceSeconds },
    });
    if (response.status === 404) return undefined;
    if (!data) throw failure(response, error);
    return data;
  }

  /** True when a live session was ended. */
  async destroy(sessionId: string): Promise<boolean> {
    if (!looksLikeSessionId(sessionId)) return false;
    const { error, response } = await this.client.DELETE('/v1/sessions/{sessionId}', { params: { path: { sessionId } } });
    if (response.status === 404) return false;
    if (!response.ok) throw failure(response, error);
    return true;
  }

  async reserveIds(count: number): Promise<{ sessionIds: string[]; expiresAt: string }> {
    const { data, error, response } = await this.client.POST('/v1/session-ids', { body: { count } });
    if (!data) throw failure(response, error);
    return data;
  }

  /** Every live session of a user (following the pages). */
  async listForUser(userId: string): Promise<TrellisSessionSummary[]> {
    const sessions: TrellisSessionSummary[] = [];
    let cursor: string | undefined;
    do {
      const { data, error, response } = await this.client.GET('/v1/users/{userId}/sessions', {
        params: { path: { userId }, query: { limit: 100, ...(cursor ? { cursor } : {}) } },
      });
      if (!data) throw failure(response, error);
      sessions.push(...data.sessions);
      cursor = data.nextCursor ?? undefined;
    } while (cursor);
    return sessions;
  }

  /** Ends every session of the user except `exceptSessionId`'s; returns how many ended. */
  async destroyAllForUser(userId: string, exceptSessionId?: string): Promise<number> {
    const { data, error, response } = await this.client.DELETE('/v1/users/{userId}/sessions', {
      params: { path: { userId }, query: exceptSessionId ? { except: exceptSessionId } : {} },
    });
    if (!data) throw failure(response, error);
    return data.deleted;
  }
}
