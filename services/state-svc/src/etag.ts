import { HttpProblem } from '@trellis/service-kit';

/** Documents' ETags are their version, quoted: strong validators. */
export function formatETag(version: number): string {
  return `"${version}"`;
}

export type IfMatch = { any: true } | { any: false; versions: number[] };

// One entity-tag (RFC 9110 8.8.3): optional W/ then a quoted string of etagc characters.
const ENTITY_TAG = /^(W\/)?"([\x21\x23-\x7E\x80-\xFF]*)"$/;
const MAX_TAGS = 32;

function invalid(header: string, detail: string): HttpProblem {
  return new HttpProblem(400, 'INVALID_PRECONDITION', `${header}: ${detail}`);
}

/**
 * Parses an If-Match / If-None-Match value: `*` or a list of entity-tags. A tag that is
 * well-formed but not one of ours (not a version) can never match, which is a 412, not a 400;
 * a malformed header is a 400. Weak tags are kept apart: If-Match compares strongly.
 */
function parseTagList(header: string, value: string): { any: true } | { any: false; strong: number[]; weak: number[] } {
  const trimmed = value.trim();
  if (trimmed === '*') return { any: true };
  const parts = trimmed.split(',').map((part) => part.trim());
  if (parts.length > MAX_TAGS) throw invalid(header, `at most ${MAX_TAGS} entity-tags`);
  const strong: number[] = [];
  const weak: number[] = [];
  for (const part of parts) {
    const match = ENTITY_TAG.exec(part);
    if (!match) throw invalid(header, `expected * or a list of quoted entity-tags like "12" (got ${JSON.stringify(part.slice(0, 64))})`);
    const opaque = match[2] ?? '';
    if (!/^[1-9]\d{0,15}$/.test(opaque)) continue;
    (match[1] ? weak : strong).push(Number(opaque));
  }
  return { any: false, strong, weak };
}

export function parseIfMatch(value: string | undefined): IfMatch | undefined {
  if (value === undefined) return undefined;
  const parsed = parseTagList('If-Match', value);
  return parsed.any ? parsed : { any: false, versions: parsed.strong };
}

/** For writes only `*` (create-only) is meaningful. */
export function parseIfNoneMatchForWrite(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value.trim() !== '*') throw invalid('If-None-Match', 'only * (create only) is supported on writes');
  return true;
}

/** For reads: does the client's cached version still match (so the answer is 304)? Weak comparison. */
export function ifNoneMatchHits(value: string | undefined, version: number): boolean {
  if (value === undefined) return false;
  const parsed = parseTagList('If-None-Match', value);
  return parsed.any || parsed.strong.includes(version) || parsed.weak.includes(version);
}

export function ifMatchHits(condition: IfMatch, version: number | undefined): boolean {
  if (version === undefined) return false;
  return condition.any || condition.versions.includes(version);
}
