/**
 * Every Redis key in Trellis is built here, so that:
 *  - services never collide (`<prefix>:<service>:<entity>:{<tag>}:...`),
 *  - keys one script touches share a hash tag and so run on Redis Cluster,
 *  - user input can never reach another namespace or act as a SCAN glob.
 */

const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Characters escapeKeySegment leaves as they are. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_.-]*$/;

/**
 * Percent-encodes everything that has meaning to Redis key layout or glob patterns:
 * `:` (separator), `{` `}` (hash tags), `*` `?` `[` `]` `\` (SCAN/KEYS globs), `%` itself,
 * whitespace and control characters. The mapping is injective, so two different names
 * never produce the same key segment.
 */
export function escapeKeySegment(value: string): string {
  // Most names are plain, and escaping maps plain text to itself: skip the work (a hot path).
  if (PLAIN_SEGMENT.test(value)) return value;
  // The rest (`payments/prod`) recur on every request for the same namespace: remember them.
  let escaped = escapedSegments.get(value);
  if (escaped === undefined) {
    escaped = encodeURIComponent(value).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    if (escapedSegments.size >= MAX_REMEMBERED_SEGMENTS) escapedSegments.clear();
    if (value.length <= MAX_REMEMBERED_LENGTH) escapedSegments.set(value, escaped);
  }
  return escaped;
}

const escapedSegments = new Map<string, string>();
// Bounded so that a stream of distinct names costs the encoding, never unbounded memory.
const MAX_REMEMBERED_SEGMENTS = 4_096;
const MAX_REMEMBERED_LENGTH = 256;

export function unescapeKeySegment(segment: string): string {
  return decodeURIComponent(segment);
}

export interface KeySpaceOptions {
  /** Root of every key; lets several deployments (or test runs) share one Redis. */
  prefix?: string;
}

export interface KeySpace {
  readonly prefix: string;
  readonly service: string;
  /**
   * `<prefix>:<service>:<entity>:{<tag>}[:<part>...]`. The tag decides the cluster slot:
   * keys that one script touches must be built with the same tag.
   */
  key(entity: string, tag: string, ...parts: string[]): string;
  /** The hash tag as it appears in keys, for building sibling keys by hand in Lua. */
  tag(tag: string): string;
}

export function createKeySpace(service: string, options: KeySpaceOptions = {}): KeySpace {
  const prefix = options.prefix ?? 'trellis';
  assertName('prefix', prefix);
  assertName('service', service);
  const entityCheck = new Set<string>();
  return {
    prefix,
    service,
    key(entity, tag, ...parts) {
      if (!entityCheck.has(entity)) {
        assertName('entity', entity);
        entityCheck.add(entity);
      }
      let key = `${prefix}:${service}:${entity}:{${escapeKeySegment(tag)}}`;
      for (const part of parts) key += `:${escapeKeySegment(part)}`;
      return key;
    },
    tag(tag) {
      return `{${escapeKeySegment(tag)}}`;
    },
  };
}

function assertName(what: string, value: string): void {
  // Prefixes, services and entities are chosen by developers, not users: reject rather than escape.
  if (!SAFE_NAME.test(value)) {
    throw new TypeError(`${what} must match ${SAFE_NAME} (got ${JSON.stringify(value)})`);
  }
}
