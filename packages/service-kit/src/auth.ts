import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { HttpProblem } from './problem.js';

export type Scope = 'read' | 'write' | 'admin';

export interface ApiKey {
  name: string;
  /** sha256 of the key: the key itself is never kept in memory longer than parsing. */
  digest: Buffer;
  scopes: Set<Scope>;
}

const SCOPES: readonly Scope[] = ['read', 'write', 'admin'];

/** admin implies write implies read. */
function expandScopes(scopes: Scope[]): Set<Scope> {
  const granted = new Set<Scope>(scopes);
  if (granted.has('admin')) granted.add('write');
  if (granted.has('write')) granted.add('read');
  return granted;
}

const digest = (key: string) => createHash('sha256').update(key).digest();

/**
 * `TRELLIS_API_KEYS` is a comma-separated list of `name:key:scope+scope`, e.g.
 * `ops:s3cret-admin-key:admin,web:web-key-123:read+write`. Empty means auth is off.
 */
export function parseApiKeys(value: string): ApiKey[] {
  const keys: ApiKey[] = [];
  for (const entry of value.split(',').map((e) => e.trim()).filter(Boolean)) {
    const [name, key, scopeList] = entry.split(':');
    if (!name || !key || !scopeList) {
      throw new Error(`TRELLIS_API_KEYS entry "${name ?? ''}:..." must be name:key:scopes`);
    }
    if (key.length < 16) throw new Error(`TRELLIS_API_KEYS key "${name}" must be at least 16 characters`);
    const scopes = scopeList.split('+') as Scope[];
    const unknown = scopes.filter((s) => !SCOPES.includes(s));
    if (unknown.length) throw new Error(`TRELLIS_API_KEYS key "${name}": unknown scope ${unknown.join(', ')}`);
    keys.push({ name, digest: digest(key), scopes: expandScopes(scopes) });
  }
  return keys;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Scope a route needs; default read for GET/HEAD, write otherwise. */
    scope?: Scope;
    /** Open to anyone (probes, docs). */
    public?: boolean;
    /**
     * Level of the access line for a successful answer (default info). Routes called on every
     * request of their caller, or every few seconds by every instance (flag evaluation, limit
     * checks, session reads, heartbeats), log successes at debug: their volume is in the
     * metrics, and a line per call would cost more than the call and drown the rest of the log.
     * Failures are always logged at info, except the statuses in `expectedStatuses`.
     */
    accessLog?: 'info' | 'debug';
    /**
     * Error statuses that are an ordinary answer of this route, not a failure (a rate-limit
     * check's 429 is its "no"): their access line is logged like a success.
     */
    expectedStatuses?: readonly number[];
  }
  interface FastifyRequest {
    apiKeyName?: string;
  }
}

function requiredScope(method: string, configured: Scope | undefined): Scope {
  if (configured) return configured;
  return method === 'GET' || method === 'HEAD' ? 'read' : 'write';
}

function findKey(keys: ApiKey[], presented: string): ApiKey | undefined {
  const presentedDigest = digest(presented);
  // Compare against every key in constant time, so timing reveals neither key nor position.
  let found: ApiKey | undefined;
  for (const key of keys) if (timingSafeEqual(key.digest, presentedDigest)) found = key;
  return found;
}

export function registerAuth(app: FastifyInstance, keys: ApiKey[]): void {
  if (keys.length === 0) return;
  // A callback hook, not an async one: this runs on every request of a deployment with keys.
  app.addHook('onRequest', (request, reply, done) => {
    // routeOptions is a getter that builds a new object on each read: read it once.
    const config = request.routeOptions.config;
    if (config?.public) {
      done();
      return;
    }
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) {
      reply.header('www-authenticate', 'Bearer');
      done(new HttpProblem(401, 'UNAUTHENTICATED', 'A bearer API key is required'));
      return;
    }
    const key = findKey(keys, match[1]);
    if (!key) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      done(new HttpProblem(401, 'UNAUTHENTICATED', 'The API key is not valid'));
      return;
    }
    const scope = requiredScope(request.method, config?.scope);
    if (!key.scopes.has(scope)) {
      done(new HttpProblem(403, 'FORBIDDEN', `This API key lacks the "${scope}" scope`));
      return;
    }
    request.apiKeyName = key.name;
    done();
  });
}
