import { Field, fieldKind, resolveString } from './context-fields.js';
import type { Context } from './types.js';

export const ST_DEFAULT = 0;
export const ST_USER_ID = 1;
export const ST_SESSION_ID = 2;
export const ST_RANDOM = 3;
export const ST_CUSTOM = 4;

export interface Stickiness {
  readonly code: number;
  readonly name: string;
  readonly kind: Field;
}

export function compileStickiness(name: string): Stickiness {
  switch (name) {
    case 'default':
    case '':
      return { code: ST_DEFAULT, name: 'default', kind: Field.Other };
    case 'userId':
      return { code: ST_USER_ID, name, kind: Field.UserId };
    case 'sessionId':
      return { code: ST_SESSION_ID, name, kind: Field.SessionId };
    case 'random':
      return { code: ST_RANDOM, name, kind: Field.Other };
    default:
      return { code: ST_CUSTOM, name, kind: fieldKind(name) };
  }
}

export function nonEmpty(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

/** 1..100, uniformly */
export function randomPercent(): number {
  return Math.floor(Math.random() * 100) + 1;
}

/**
 * Stickiness value for rollouts (flexibleRollout): `default` = userId, else
 * sessionId, else undefined (the caller then rolls at random); a custom field
 * is looked up like a constraint's context field.
 */
export function rolloutStickinessValue(st: Stickiness, ctx: Context): string | undefined {
  switch (st.code) {
    case ST_DEFAULT:
      return nonEmpty(ctx.userId) ?? nonEmpty(ctx.sessionId);
    case ST_USER_ID:
      return nonEmpty(ctx.userId);
    case ST_SESSION_ID:
      return nonEmpty(ctx.sessionId);
    case ST_RANDOM:
      return undefined;
    default:
      return resolveString(ctx, st.kind, st.name);
  }
}

/**
 * Stickiness value for variants (Unleash's getSeed): `default` = userId, else
 * sessionId, else remoteAddress; undefined means "pick at random".
 */
export function variantStickinessValue(st: Stickiness, ctx: Context): string | undefined {
  switch (st.code) {
    case ST_DEFAULT:
      return nonEmpty(ctx.userId) ?? nonEmpty(ctx.sessionId) ?? nonEmpty(ctx.remoteAddress);
    case ST_RANDOM:
      return undefined;
    default:
      // userId, sessionId or a custom field
      return resolveString(ctx, st.kind, st.name);
  }
}
