import { HttpProblem } from '@trellis/service-kit';

/** The ETag of anything versioned by a namespace revision: that revision, quoted (strong). */
export const etagOf = (revision: number): string => `"${revision}"`;

const MAX_TAGS = 32;
// RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text.
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"$/;

/**
 * Parses an If-Match / If-None-Match header into what the scripts compare: '' (absent), '*',
 * or the revisions quoted by our strong ETags, comma-separated ("none" when the header names
 * only tags that cannot be ours, which therefore never match). Malformed headers are a 400.
 */
export function parseEtagCondition(header: string | undefined, name: string, options: { weakMatches: boolean }): string {
  if (header === undefined) return '';
  const value = header.trim();
  if (value === '*') return '*';
  const tags = value.split(',').map((tag) => tag.trim());
  if (value === '' || tags.length > MAX_TAGS || tags.some((tag) => !ENTITY_TAG.test(tag))) {
    throw new HttpProblem(
      400,
      'INVALID_PRECONDITION',
      `${name} must be "*" or a comma-separated list of at most ${MAX_TAGS} entity tags such as "42" (with the quotes)`,
    );
  }
  const revisions: string[] = [];
  for (const tag of tags) {
    const [, weak, opaque] = ENTITY_TAG.exec(tag)!;
    // If-Match compares strongly (a weak tag never matches); If-None-Match weakly.
    if (weak && !options.weakMatches) continue;
    if (opaque && /^\d{1,15}$/.test(opaque)) revisions.push(String(Number(opaque)));
  }
  return revisions.length ? revisions.join(',') : 'none';
}

export interface Preconditions {
  ifMatch: string;
  ifNoneMatch: string;
}

export function preconditionsFrom(
  headers: { 'if-match'?: string | undefined; 'if-none-match'?: string | undefined },
  options: { required: boolean },
): Preconditions {
  const ifMatch = parseEtagCondition(headers['if-match'], 'If-Match', { weakMatches: false });
  const ifNoneMatch = parseEtagCondition(headers['if-none-match'], 'If-None-Match', { weakMatches: true });
  if (options.required && ifMatch === '' && ifNoneMatch === '') {
    throw new HttpProblem(
      428,
      'PRECONDITION_REQUIRED',
      'This deployment requires conditional writes: send If-Match with the ETag you read (or If-None-Match: * to create)',
    );
  }
  return { ifMatch, ifNoneMatch };
}

/** The 412 a script's PRECONDITION_FAILED becomes, telling the caller the ETag to re-read. */
export function preconditionFailed(currentRevision: string, what: string): HttpProblem {
  const current = /^\d+$/.test(currentRevision) ? etagOf(Number(currentRevision)) : undefined;
  return new HttpProblem(
    412,
    'PRECONDITION_FAILED',
    current ? `${what} has changed: its ETag is now ${current}` : `${what} does not exist`,
    current ? { extensions: { currentETag: current }, headers: { etag: current } } : {},
  );
}

/** RFC 9110 §13.1.2 for reads: does If-None-Match name the current ETag (weak comparison)? */
export function notModified(ifNoneMatch: string | undefined, revision: number): boolean {
  const condition = parseEtagCondition(ifNoneMatch, 'If-None-Match', { weakMatches: true });
  return condition === '*' || condition.split(',').includes(String(revision));
}
