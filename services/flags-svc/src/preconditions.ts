import { hash } from 'node:crypto';
import { ScriptError } from '@trellis/redis-core';
import { HttpProblem } from '@trellis/service-kit';

/** A versioned entity's ETag: its modRevision, which never repeats within an environment. */
export function etagOf(modRevision: number): string {
  return `"${modRevision}"`;
}

/** A strong ETag of a response body, for bulk evaluations. */
export function contentEtag(body: string): string {
  // One-shot hash(): no Hash object per bulk evaluation.
  return `"${hash('sha256', body, 'base64url').slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match (weak comparison): does any listed tag match, or is it `*`? */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}

export interface Preconditions {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
}

/**
 * What the write scripts check: '' unconditional, 'absent' (If-None-Match: *), 'present'
 * (If-Match: *), or the modRevision the client read. An If-Match that is not one of our ETags
 * can match nothing: -1.
 */
export function expectedFrom(pre: Preconditions, requireIfMatch: boolean, creating: boolean): string {
  if (pre.ifNoneMatch !== undefined && pre.ifNoneMatch.trim() === '*') return 'absent';
  if (pre.ifMatch !== undefined) {
    const value = pre.ifMatch.trim();
    if (value === '*') return 'present';
    const match = /^"(\d{1,15})"$/.exec(value);
    return match ? String(Number(match[1])) : '-1';
  }
  if (requireIfMatch) {
    if (creating) return 'absent';
    throw new HttpProblem(428, 'PRECONDITION_REQUIRED', 'This deployment requires If-Match on updates and deletes');
  }
  return '';
}

/** Turns a write script's domain error into the HTTP problem it means. */
export function problemFromScript(error: unknown, what: string, requireIfMatch = false, pre: Preconditions = {}): unknown {
  if (!(error instanceof ScriptError)) return error;
  const detail = error.message.trim();
  switch (error.code) {
    case 'PRECONDITION_FAILED': {
      const current = /^\d+$/.test(detail) ? etagOf(Number(detail)) : undefined;
      if (requireIfMatch && pre.ifMatch === undefined && pre.ifNoneMatch === undefined) {
        return new HttpProblem(428, 'PRECONDITION_REQUIRED', `${what} exists: send If-Match with its ETag to replace it`, {
          extensions: current ? { currentETag: current } : {},
        });
      }
      return new HttpProblem(
        412,
        'PRECONDITION_FAILED',
        current ? `${what} has changed (its ETag is now ${current})` : `${what} does not exist`,
        { extensions: current ? { currentETag: current } : {}, headers: current ? { etag: current } : {} },
      );
    }
    case 'NOT_FOUND':
      return new HttpProblem(404, 'NOT_FOUND', `${what} was not found`);
    case 'UNKNOWN_SEGMENT':
      return new HttpProblem(422, 'UNKNOWN_SEGMENT', `Segment ${detail} does not exist in this environment`);
    case 'UNKNOWN_PARENT':
      return new HttpProblem(422, 'UNKNOWN_PARENT', `Parent flag ${JSON.stringify(detail)} does not exist in this environment`);
    case 'TRANSITIVE_DEPENDENCY':
      return new HttpProblem(422, 'TRANSITIVE_DEPENDENCY', `Only one level of dependencies is supported: ${detail}`);
    case 'HAS_DEPENDENTS':
      return new HttpProblem(409, 'HAS_DEPENDENTS', `${what} cannot be deleted: flag ${JSON.stringify(detail)} depends on it`);
    case 'SEGMENT_IN_USE':
      return new HttpProblem(409, 'SEGMENT_IN_USE', `${what} cannot be deleted: flag ${JSON.stringify(detail)} uses it`);
    case 'NOT_EMPTY':
      return new HttpProblem(409, 'NOT_EMPTY', `${what} still holds ${detail}; delete them first`);
    default:
      return error;
  }
}
