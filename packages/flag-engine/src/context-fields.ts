import type { Context } from './types.js';

/** Context field kinds, resolved once at compile time so evaluation can switch on a small integer. */
export const Field = {
  UserId: 0,
  SessionId: 1,
  RemoteAddress: 2,
  Environment: 3,
  AppName: 4,
  CurrentTime: 5,
  Groups: 6,
  Other: 7,
} as const;
export type Field = (typeof Field)[keyof typeof Field];

export function fieldKind(name: string): Field {
  switch (name) {
    case 'userId':
      return Field.UserId;
    case 'sessionId':
      return Field.SessionId;
    case 'remoteAddress':
      return Field.RemoteAddress;
    case 'environment':
      return Field.Environment;
    case 'appName':
      return Field.AppName;
    case 'currentTime':
      return Field.CurrentTime;
    case 'groups':
      return Field.Groups;
    default:
      return Field.Other;
  }
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v === '' ? undefined : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/**
 * Unleash's resolveContextValue: the top-level field, else `properties[name]`;
 * empty strings and null count as missing. `currentTime` Dates become ISO strings.
 */
export function resolveString(ctx: Context, kind: Field, name: string): string | undefined {
  let v: unknown;
  switch (kind) {
    case Field.UserId:
      v = ctx.userId;
      break;
    case Field.SessionId:
      v = ctx.sessionId;
      break;
    case Field.RemoteAddress:
      v = ctx.remoteAddress;
      break;
    case Field.Environment:
      v = ctx.environment;
      break;
    case Field.AppName:
      v = ctx.appName;
      break;
    case Field.CurrentTime:
      v = ctx.currentTime;
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
      break;
    default:
      v = ctx[name];
  }
  const s = asString(v);
  if (s !== undefined) return s;
  const props = ctx.properties;
  if (props !== undefined && props !== null) return asString(props[name]);
  return undefined;
}

/**
 * Like {@link resolveString} but keeps arrays (for IN / NOT_IN on multi-valued
 * fields such as `groups`) and splits a comma-separated `groups` string.
 */
export function resolveList(ctx: Context, kind: Field, name: string): string | readonly unknown[] | undefined {
  const top = kind === Field.Other || kind === Field.Groups ? ctx[name] : undefined;
  if (Array.isArray(top)) return top;
  const s = resolveString(ctx, kind, name);
  if (kind === Field.Groups && s !== undefined && s.indexOf(',') !== -1) {
    return s
      .split(',')
      .map((g) => g.trim())
      .filter((g) => g !== '');
  }
  return s;
}

/** Epoch ms for the date operators: the context field, or now for a missing `currentTime`. */
export function resolveTime(ctx: Context, kind: Field, name: string): number {
  if (kind === Field.CurrentTime) {
    const v = ctx.currentTime;
    if (v === undefined || v === null || v === '') {
      const p = ctx.properties?.currentTime;
      if (p === undefined || p === null || p === '') return Date.now();
      return Date.parse(p);
    }
    if (v instanceof Date) return v.getTime();
    if (typeof v === 'number') return v;
    return typeof v === 'string' ? Date.parse(v) : Number.NaN;
  }
  const s = resolveString(ctx, kind, name);
  return s === undefined ? Number.NaN : Date.parse(s);
}
