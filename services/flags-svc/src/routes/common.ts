import { HttpProblem } from '@trellis/service-kit';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Preconditions } from '../preconditions.js';
import { ENVIRONMENT_PATTERN, EnvironmentName } from '../schemas.js';

export { EnvironmentName };

export interface RouteOptions {
  defaultEnvironment: string;
  importBodyLimitBytes: number;
}

const ENVIRONMENT = new RegExp(ENVIRONMENT_PATTERN);
export const ENVIRONMENT_HEADER = 'x-trellis-environment';

export const EnvironmentQuery = Type.Object(
  { environment: Type.Optional(EnvironmentName) },
  { additionalProperties: false },
);

/** The environment a request is about: ?environment=, else the X-Trellis-Environment header, else the default. */
export function environmentOf(request: FastifyRequest, options: RouteOptions): string {
  const fromQuery = (request.query as { environment?: string } | undefined)?.environment;
  if (fromQuery) return fromQuery;
  const header = request.headers[ENVIRONMENT_HEADER];
  if (typeof header === 'string' && header !== '') {
    if (!ENVIRONMENT.test(header)) {
      throw new HttpProblem(400, 'INVALID_ENVIRONMENT', `${ENVIRONMENT_HEADER} must match ${ENVIRONMENT_PATTERN}`);
    }
    return header;
  }
  return options.defaultEnvironment;
}

export function preconditionsOf(request: FastifyRequest): Preconditions {
  const ifMatch = request.headers['if-match'];
  const ifNoneMatch = request.headers['if-none-match'];
  return {
    ifMatch: typeof ifMatch === 'string' ? ifMatch : undefined,
    ifNoneMatch: typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined,
  };
}

/** Who made a change: the API key's name, never the key. */
export function actorOf(request: FastifyRequest): string {
  return request.apiKeyName ?? 'anonymous';
}

export const WriteHeaders = Type.Object(
  {
    'if-match': Type.Optional(Type.String({ maxLength: 256, description: 'ETag the change is based on (412 if it moved on)' })),
    'if-none-match': Type.Optional(Type.String({ maxLength: 256, description: '`*`: create only (412 if it exists)' })),
  },
  { additionalProperties: true },
);
