import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RateLimitDecision } from './limits-api.js';
import { apiKeySubject, ipSubject, userSubject } from './subject-key.js';

export type RateLimitFailMode = 'open' | 'closed';

export interface RateLimitPluginOptions {
  /** limits-svc's base URL, e.g. http://127.0.0.1:7106 */
  baseUrl: string;
  /** Bearer key for limits-svc, when it requires one. */
  apiKey?: string | undefined;
  /** One policy, or several decided in ONE atomic check (per second + per minute + per day...). */
  policies: string | string[];
  /**
   * What a request is limited by: the client address (IPv6 grouped by /64), the user, the API
   * key the client presents (hashed), or a function. A request without a user or API key is
   * limited by its address.
   */
  keyBy?: 'ip' | 'user' | 'apiKey' | ((request: FastifyRequest) => string | undefined);
  /** keyBy 'user': the user id (default `request.user.id` when a plugin set it). */
  user?: (request: FastifyRequest) => string | undefined;
  /** keyBy 'apiKey': the header holding it (default x-api-key, then an Authorization bearer token). */
  apiKeyHeader?: string;
  cost?: number | ((request: FastifyRequest) => number);
  /** Requests that are never limited (health probes...). */
  skip?: (request: FastifyRequest) => boolean;
  /** A check slower than this counts as limits-svc unreachable. Default 1000 ms. */
  timeoutMs?: number;
  /**
   * What to do while limits-svc is unreachable before this process knows the policies' own
   * failMode (it reads them at start and from every answer). Default 'open'.
   */
  failMode?: RateLimitFailMode;
  fetch?: typeof fetch;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The limits-svc decision for this request (undefined when skipped or unreachable). */
    rateLimit?: RateLimitDecision;
  }
}

const FORWARDED_HEADERS = ['ratelimit', 'ratelimit-policy', 'retry-after'];

function problem(request: FastifyRequest, status: number, code: string, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return {
    type: `https://trellis.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title,
    status,
    detail,
    instance: request.url.split('?')[0],
    code,
    ...extra,
  };
}

function defaultUser(request: FastifyRequest): string | undefined {
  const user = (request as unknown as { user?: { id?: unknown } }).user;
  return user && (typeof user.id === 'string' || typeof user.id === 'number') ? String(user.id) : undefined;
}

function presentedApiKey(request: FastifyRequest, header: string | undefined): string | undefined {
  const named = request.headers[(header ?? 'x-api-key').toLowerCase()];
  if (typeof named === 'string' && named) return named;
  if (header) return undefined;
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return bearer?.[1];
}

/** Decides which subject a request is charged to. */
function subjectOf(request: FastifyRequest, options: RateLimitPluginOptions): string {
  const keyBy = options.keyBy ?? 'ip';
  let subject: string | undefined;
  if (typeof keyBy === 'function') subject = keyBy(request);
  else if (keyBy === 'user') {
    const id = (options.user ?? defaultUser)(request);
    subject = id === undefined ? undefined : userSubject(id);
  } else if (keyBy === 'apiKey') {
    const key = presentedApiKey(request, options.apiKeyHeader);
    subject = key === undefined ? undefined : apiKeySubject(key);
  }
  return subject ?? ipSubject(request.ip);
}

/**
 * Checks every request with limits-svc (one call; several policies in one atomic check), sets
 * the IETF RateLimit / RateLimit-Policy headers, answers 429 problem+json with Retry-After when
 * denied, and while limits-svc cannot be reached follows the policies' failMode: open lets the
 * request through, closed answers 503 problem+json (the limit cannot be verified).
 */
const plugin: FastifyPluginAsync<RateLimitPluginOptions> = async (app, options) => {
  const policies = Array.isArray(options.policies) ? options.policies : [options.policies];
  if (policies.length === 0) throw new TypeError('rate-limit plugin: at least one policy is needed');
  const doFetch = options.fetch ?? fetch;
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const timeoutMs = options.timeoutMs ?? 1_000;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  };
  const failModes = new Map<string, { failMode: RateLimitFailMode; shadow: boolean }>();
  const path = policies.length === 1 ? `/v1/policies/${encodeURIComponent(policies[0]!)}/check` : '/v1/check';

  const learn = (results: { policy: string; failMode: RateLimitFailMode; shadow: boolean }[]) => {
    for (const r of results) failModes.set(r.policy, { failMode: r.failMode, shadow: r.shadow });
  };

  // Learn each policy's failMode now, so it applies even if limits-svc is down from the start.
  app.addHook('onReady', async () => {
    await Promise.all(
      policies.map(async (name) => {
        try {
          const response = await doFetch(`${baseUrl}/v1/policies/${encodeURIComponent(name)}`, {
            headers,
            signal: AbortSignal.timeout(timeoutMs),
          });
          if (!response.ok) return;
          const policy = (await response.json()) as { failMode: RateLimitFailMode; shadow: boolean };
          failModes.set(name, { failMode: policy.failMode, shadow: policy.shadow });
        } catch (error) {
          app.log.warn({ err: error, policy: name }, 'limits-svc unreachable; its failMode will apply');
        }
      }),
    );
  });

  const failClosed = () =>
    policies.some((name) => {
      const known = failModes.get(name);
      if (!known) return (options.failMode ?? 'open') === 'closed';
      return known.failMode === 'closed' && !known.shadow;
    });

  const unreachable = (request: FastifyRequest, reply: FastifyReply, reason: unknown) => {
    request.log.warn({ err: reason }, 'limits-svc unreachable');
    if (!failClosed()) return undefined;
    reply
      .code(503)
      .header('retry-after', '1')
      .type('application/problem+json')
      .send(
        problem(request, 503, 'RATE_LIMIT_UNAVAILABLE', 'Service Unavailable', 'The rate limit cannot be verified right now; retry shortly', {
          retryAfterSeconds: 1,
        }),
      );
    return reply;
  };

  app.addHook('onRequest', async (request, reply) => {
    if (options.skip?.(request)) return;
    const cost = typeof options.cost === 'function' ? options.cost(request) : (options.cost ?? 1);
    const key = subjectOf(request, options);
    const body = policies.length === 1 ? { key, cost } : { key, cost, policies };
    let response: Response;
    let decision: RateLimitDecision & { retryAfterSeconds?: number };
    try {
      response = await doFetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (response.status !== 200 && response.status !== 429) {
        const text = await response.text();
        return unreachable(request, reply, new Error(`limits-svc answered ${response.status}: ${text.slice(0, 200)}`));
      }
      decision = (await response.json()) as typeof decision;
    } catch (error) {
      return unreachable(request, reply, error);
    }
    learn(decision.results);
    request.rateLimit = decision;
    for (const name of FORWARDED_HEADERS) {
      const value = response.headers.get(name);
      if (value && (name !== 'retry-after' || response.status === 429)) reply.header(name, value);
    }
    if (response.status === 200) return;
    reply
      .code(429)
      .type('application/problem+json')
      .send(
        problem(request, 429, 'RATE_LIMITED', 'Too Many Requests', `Rate limit ${decision.policy} exceeded; retry in ${response.headers.get('retry-after') ?? '1'} s`, {
          policy: decision.policy,
          retryAfterSeconds: Number(response.headers.get('retry-after') ?? 1),
        }),
      );
    return reply;
  });
};

/** The limits-svc rate-limit plugin for Fastify (hooks apply to the scope it is registered in). */
export const trellisRateLimit = fp(plugin, { fastify: '5.x', name: '@trellis/rate-limit' });
