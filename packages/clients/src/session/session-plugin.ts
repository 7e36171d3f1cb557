import { parse as parseCookies } from 'cookie';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import type { TrellisClientOptions } from '../create-client.js';
import { SessionApi, type TrellisSession } from './session-api.js';

export interface SessionPluginOptions extends TrellisClientOptions {
  /** Header carrying the session id; false to ignore headers. Default x-session-id. */
  header?: string | false;
  /** Cookie carrying the session id; false to ignore cookies. Default sid. */
  cookie?: string | false;
  /** Reading counts as activity and slides the idle expiry. Default true. */
  touch?: boolean;
  /**
   * 'request' loads the session on every request that carries an id (request.session is then
   * set for every handler); 'require' loads it only in requireSession. Default 'request'.
   */
  load?: 'request' | 'require';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The live session this request presented, or null. */
    session: TrellisSession | null;
    /** The id the request presented (header first, then cookie), whether or not it is valid. */
    sessionId: string | null;
  }
  interface FastifyInstance {
    /** preHandler: 401 problem+json unless the request presents a live session. */
    requireSession: preHandlerAsyncHookHandler;
    /** session-svc operations (create at login, rotate, patch, destroy...). */
    sessions: SessionApi;
  }
}

const SESSION_LOADED = Symbol('trellis.sessionLoaded');
const SESSION_FAILURE = Symbol('trellis.sessionFailure');

interface LoadState {
  [SESSION_LOADED]?: boolean;
  [SESSION_FAILURE]?: unknown;
}

function sendProblem(request: FastifyRequest, reply: FastifyReply, status: number, code: string, detail: string): FastifyReply {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `https://trellis.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
      title: status === 401 ? 'Unauthorized' : 'Service Unavailable',
      status,
      detail,
      instance: request.url.split('?')[0],
      code,
    });
}

/**
 * Sessions from session-svc for a Fastify app: reads the id from a header or a cookie (works with
 * or without @fastify/cookie), puts the live session on `request.session`, and offers
 * `app.requireSession` for routes that need one. A session-svc outage answers 503, not 401, so
 * nobody is logged out by it.
 */
const sessionPlugin: FastifyPluginAsync<SessionPluginOptions> = async (app, options) => {
  const api = new SessionApi(options);
  const headerName = options.header === false ? undefined : (options.header ?? 'x-session-id').toLowerCase();
  const cookieName = options.cookie === false ? undefined : (options.cookie ?? 'sid');
  const touch = options.touch ?? true;

  const presentedId = (request: FastifyRequest): string | null => {
    if (headerName) {
      const value = request.headers[headerName];
      if (typeof value === 'string' && value !== '') return value.trim();
    }
    if (cookieName) {
      const parsed = (request as { cookies?: Record<string, string | undefined> }).cookies;
      const jar = parsed ?? (request.headers.cookie ? parseCookies(request.headers.cookie) : {});
      const value = jar[cookieName];
      if (value) return value;
    }
    return null;
  };

  const load = async (request: FastifyRequest): Promise<void> => {
    const state = request as unknown as LoadState;
    if (state[SESSION_LOADED]) return;
    state[SESSION_LOADED] = true;
    if (!request.sessionId) return;
    try {
      request.session = (await api.get(request.sessionId, { touch })) ?? null;
    } catch (error) {
      state[SESSION_FAILURE] = error;
      request.log.warn({ err: error }, 'session-svc unreachable');
    }
  };

  app.decorate('sessions', api);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionId', null);
  app.addHook('onRequest', async (request) => {
    request.sessionId = presentedId(request);
    if ((options.load ?? 'request') === 'request') await load(request);
  });

  const requireSession: preHandlerAsyncHookHandler = async (request, reply) => {
    await load(request);
    if (request.session) return;
    if ((request as unknown as LoadState)[SESSION_FAILURE] !== undefined) {
      reply.header('retry-after', '1');
      return sendProblem(request, reply, 503, 'SESSION_SERVICE_UNAVAILABLE', 'Sessions cannot be checked right now; retry shortly');
    }
    if (!request.sessionId) return sendProblem(request, reply, 401, 'SESSION_REQUIRED', 'This endpoint needs a session');
    return sendProblem(request, reply, 401, 'SESSION_INVALID', 'The session is unknown, expired or ended; sign in again');
  };
  app.decorate('requireSession', requireSession);
};

export const trellisSessionPlugin = fp(sessionPlugin, { fastify: '5.x', name: '@trellis/session-plugin' });
