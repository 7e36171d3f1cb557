/**
 * Strict SemVer 2.0.0 parsing and precedence (no leading "v", no ranges),
 * as Unleash's SEMVER_* constraint operators expect.
 */

export interface SemVer {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** prerelease identifiers; numbers for numeric identifiers */
  readonly pre: ReadonlyArray<string | number>;
}

const SEMVER_RE =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/;

const NUMERIC_RE = /^\d+$/;

/** Parses a strict SemVer 2.0.0 version (surrounding whitespace allowed); undefined when invalid. */
export function parseSemver(input: string): SemVer | undefined {
  const m = SEMVER_RE.exec(input.trim());
  if (m === null) return undefined;
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const patch = Number(m[3]);
  if (major > Number.MAX_SAFE_INTEGER || minor > Number.MAX_SAFE_INTEGER || patch > Number.MAX_SAFE_INTEGER) {
    return undefined;
  }
  const preText = m[4];
  const pre: Array<string | number> = [];
  if (preText !== undefined) {
    for (const id of preText.split('.')) {
      if (NUMERIC_RE.test(id)) {
        const n = Number(id);
        if (n > Number.MAX_SAFE_INTEGER) return undefined;
        pre.push(n);
      } else {
        pre.push(id);
      }
    }
  }
  return { major, minor, patch, pre };
}

/** SemVer precedence: negative, zero or positive. Build metadata is ignored. */
export function compareSemver(a: SemVer, b: SemVer): number {
  if (a.major !== b.major) return a.major < b.major ? -1 : 1;
  if (a.minor !== b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch !== b.patch) return a.patch < b.patch ? -1 : 1;
  const ap = a.pre;
  const bp = b.pre;
  if (ap.length === 0) return bp.length === 0 ? 0 : 1;
  if (bp.length === 0) return -1;
  const n = Math.min(ap.length, bp.length);
  for (let i = 0; i < n; i++) {
    const x = ap[i] as string | number;
    const y = bp[i] as string | number;
    if (x === y) continue;
    const xn = typeof x === 'number';
    const yn = typeof y === 'number';
    if (xn && yn) return x < y ? -1 : 1;
    if (xn) return -1; // numeric identifiers have lower precedence
    if (yn) return 1;
    return x < y ? -1 : 1;
  }
  return ap.length === bp.length ? 0 : ap.length < bp.length ? -1 : 1;
}
