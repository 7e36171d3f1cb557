/**
 * MurmurHash3 x86 32-bit over the UTF-8 bytes of a string, written as a
 * resumable stream so that the hash state of a constant prefix
 * ("<groupId>:") can be computed once and continued per evaluation without
 * building the concatenated string.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** Hash state after some bytes: running hash, pending tail bytes, byte count. */
export interface Murmur3State {
  readonly h: number;
  readonly k: number;
  readonly n: number;
  readonly len: number;
}

function mixK(k: number): number {
  k = Math.imul(k, C1);
  k = (k << 15) | (k >>> 17);
  return Math.imul(k, C2);
}

function mixH(h: number, k: number): number {
  h ^= mixK(k);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Streaming registers (module scope: evaluation is synchronous and never re-entered mid-hash).
let sh = 0;
let sk = 0;
let sn = 0;
let slen = 0;

function pushByte(b: number): void {
  sk |= b << (sn << 3);
  sn++;
  slen++;
  if (sn === 4) {
    sh = mixH(sh, sk);
    sk = 0;
    sn = 0;
  }
}

function feed(str: string): void {
  const n = str.length;
  for (let i = 0; i < n; i++) {
    let c = str.charCodeAt(i);
    if (c < 0x80) {
      pushByte(c);
    } else if (c < 0x800) {
      pushByte(0xc0 | (c >> 6));
      pushByte(0x80 | (c & 0x3f));
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = str.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
          pushByte(0xf0 | (c >> 18));
          pushByte(0x80 | ((c >> 12) & 0x3f));
          pushByte(0x80 | ((c >> 6) & 0x3f));
          pushByte(0x80 | (c & 0x3f));
          continue;
        }
      }
      // lone surrogates are encoded as U+FFFD, as TextEncoder does
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      pushByte(0xe0 | (c >> 12));
      pushByte(0x80 | ((c >> 6) & 0x3f));
      pushByte(0x80 | (c & 0x3f));
    }
  }
}

function finish(): number {
  let h = sh;
  if (sn > 0) h ^= mixK(sk);
  h ^= slen;
  return fmix(h);
}

function load(state: Murmur3State): void {
  sh = state.h;
  sk = state.k;
  sn = state.n;
  slen = state.len;
}

/** State after hashing `prefix` with `seed`; continue it with {@link murmur3Continue}. */
export function murmur3Prefix(prefix: string, seed = 0): Murmur3State {
  sh = seed | 0;
  sk = 0;
  sn = 0;
  slen = 0;
  feed(prefix);
  return Object.freeze({ h: sh, k: sk, n: sn, len: slen });
}

/** Unsigned 32-bit hash of prefix-state + `str`. */
export function murmur3Continue(state: Murmur3State, str: string): number {
  load(state);
  feed(str);
  return finish();
}

/** MurmurHash3 x86_32 of the UTF-8 bytes of `str`; unsigned 32-bit result. */
export function murmur3_32(str: string, seed = 0): number {
  sh = seed | 0;
  sk = 0;
  sn = 0;
  slen = 0;
  feed(str);
  return finish();
}

/** MurmurHash3 x86_32 of raw bytes; unsigned 32-bit result. */
export function murmur3_32Bytes(bytes: Uint8Array, seed = 0): number {
  sh = seed | 0;
  sk = 0;
  sn = 0;
  slen = 0;
  for (let i = 0; i < bytes.length; i++) pushByte(bytes[i] as number);
  return finish();
}

export const VARIANT_SEED = 86028157;

/**
 * Unleash normalisation: `murmur3_x86_32("<groupId>:<id>", seed) % normalizer + 1`,
 * a number in 1..normalizer.
 */
export function normalizedValue(id: string, groupId: string, seed = 0, normalizer = 100): number {
  sh = seed | 0;
  sk = 0;
  sn = 0;
  slen = 0;
  feed(groupId);
  pushByte(0x3a); // ':'
  feed(id);
  return (finish() % normalizer) + 1;
}
