import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ACTOR_PATTERN, Key, Namespace, Selector } from '../schemas.js';

export const NamespaceParams = Type.Object({ namespace: Namespace }, { additionalProperties: false });
export const KeyParams = Type.Object({ namespace: Namespace, key: Key }, { additionalProperties: false });
export const SelectorParams = Type.Object({ namespace: Namespace, selector: Selector }, { additionalProperties: false });

const EntityTags = (what: string) =>
  Type.Optional(Type.String({ maxLength: 2_048, description: what }));

/** Conditional-request and attribution headers of every write. */
export const WriteHeaders = Type.Object({
  'if-match': EntityTags('Write only if the current ETag is one of these (or `*`: if it exists); else 412 with currentETag'),
  'if-none-match': EntityTags('`*`: create only, 412 if it exists'),
  'x-trellis-actor': Type.Optional(
    Type.String({
      pattern: ACTOR_PATTERN,
      minLength: 1,
      maxLength: 128,
      description: 'Who is making the change, recorded as updatedBy (with the API key name when auth is on)',
    }),
  ),
});

/** A DELETE is conditional on If-Match only: If-None-Match (create only) means nothing there, and is a 400. */
export const DeleteHeaders = Type.Object({
  'if-match': WriteHeaders.properties['if-match'],
  'x-trellis-actor': WriteHeaders.properties['x-trellis-actor'],
});

export const ReadHeaders = Type.Object({
  'if-none-match': EntityTags('Answer 304 when the ETag is still one of these'),
});

/**
 * updatedBy: with API keys on, the key's name is authoritative and a declared actor is kept
 * beside it; without them, the declared actor (or "anonymous").
 */
export function actorOf(request: FastifyRequest): string {
  const declared = request.headers['x-trellis-actor'];
  const actor = typeof declared === 'string' ? declared : undefined;
  if (request.apiKeyName) return actor ? `${actor} via ${request.apiKeyName}` : request.apiKeyName;
  return actor ?? 'anonymous';
}

export function entryPath(namespace: string, key?: string): string {
  return `/v1/config/${encodeURIComponent(namespace)}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;
}
