import { HttpProblem } from '@trellis/service-kit';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ACTOR_PATTERN, LockName } from '../schemas.js';
import type { FenceClaim } from '../state-service.js';

const ETagList = Type.String({ minLength: 1, maxLength: 2_048 });

/** Headers every document write understands. */
export const WRITE_HEADERS = {
  'if-match': Type.Optional(ETagList),
  'x-fencing-lock': Type.Optional(LockName),
  'x-fencing-token': Type.Optional(
    Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Fencing token of X-Fencing-Lock held by the writer' }),
  ),
  'x-trellis-actor': Type.Optional(
    Type.String({ pattern: ACTOR_PATTERN, minLength: 1, maxLength: 128, description: 'Who is writing, recorded as updatedBy' }),
  ),
};

export interface WriteHeaders {
  'if-match'?: string;
  'x-fencing-lock'?: string;
  'x-fencing-token'?: number;
  'x-trellis-actor'?: string;
}

/** X-Fencing-Lock and X-Fencing-Token come together or not at all. */
export function fenceClaim(headers: WriteHeaders): FenceClaim | undefined {
  const lock = headers['x-fencing-lock'];
  const token = headers['x-fencing-token'];
  if (lock === undefined && token === undefined) return undefined;
  if (lock === undefined || token === undefined) {
    throw new HttpProblem(400, 'INVALID_FENCING_HEADERS', 'X-Fencing-Lock and X-Fencing-Token must be sent together');
  }
  return { lock, token };
}

/**
 * updatedBy: the API key's name is authoritative when auth is on; X-Trellis-Actor names who
 * acts through it (a user, a job), so with auth on it is recorded as "<key name>/<actor>".
 */
export function actorOf(request: FastifyRequest, headers: WriteHeaders): string {
  const actor = headers['x-trellis-actor'];
  const keyName = request.apiKeyName;
  if (keyName) return actor ? `${keyName}/${actor}` : keyName;
  return actor ?? 'anonymous';
}

/** PUT speaks application/json and PATCH application/merge-patch+json; anything else is a 415. */
export function requireContentType(mediaType: string, acceptPatch = false) {
  return async (request: FastifyRequest) => {
    const given = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (given !== mediaType) {
      throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', `This operation takes ${mediaType} (got ${given || 'no content type'})`, {
        headers: acceptPatch ? { 'accept-patch': mediaType } : {},
      });
    }
  };
}
