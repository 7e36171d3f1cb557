/**
 * IPv4 / IPv6 addresses and CIDR ranges. Every address is held as four
 * 32-bit words (IPv4 as the IPv4-mapped IPv6 address ::ffff:a.b.c.d), so a
 * v4 range also matches a v4-mapped v6 address such as "::ffff:10.0.0.1".
 */

export interface Cidr {
  /** network words, already masked */
  readonly net: Uint32Array;
  /** per-word masks */
  readonly mask: Uint32Array;
  /** prefix length on the 128-bit scale */
  readonly bits: number;
}

const IPV4_PART = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parseIpv4(s: string): number {
  const parts = s.split('.');
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const p of parts) {
    if (!IPV4_PART.test(p)) return -1;
    const n = Number(p);
    if (n > 255) return -1;
    v = v * 256 + n;
  }
  return v;
}

/**
 * Parses an IP address into `out` (4 words). Returns 4 or 6 (the family) or 0
 * when invalid. A zone id ("fe80::1%eth0") is ignored.
 */
export function parseIp(input: string, out: Uint32Array): 0 | 4 | 6 {
  let s = input.trim();
  if (s.indexOf(':') === -1) {
    const v4 = parseIpv4(s);
    if (v4 < 0) return 0;
    out[0] = 0;
    out[1] = 0;
    out[2] = 0xffff;
    out[3] = v4;
    return 4;
  }
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const groups: number[] = [];
  let tailV4 = -1;
  const dbl = s.indexOf('::');
  if (dbl !== -1 && s.indexOf('::', dbl + 1) !== -1) return 0;
  const head = dbl === -1 ? s : s.slice(0, dbl);
  const tail = dbl === -1 ? '' : s.slice(dbl + 2);
  const headParts = head === '' ? [] : head.split(':');
  const tailParts = tail === '' ? [] : tail.split(':');
  const all = dbl === -1 ? headParts : tailParts;
  const last = all[all.length - 1];
  if (last !== undefined && last.indexOf('.') !== -1) {
    tailV4 = parseIpv4(last);
    if (tailV4 < 0) return 0;
    all.pop();
  }
  const parseGroups = (parts: string[]): number[] | undefined => {
    const res: number[] = [];
    for (const p of parts) {
      if (!HEX_GROUP.test(p)) return undefined;
      res.push(Number.parseInt(p, 16));
    }
    return res;
  };
  const hg = parseGroups(headParts);
  const tg = parseGroups(tailParts);
  if (hg === undefined || tg === undefined) return 0;
  const v4Groups = tailV4 >= 0 ? 2 : 0;
  const explicit = hg.length + tg.length + v4Groups;
  if (dbl === -1) {
    if (explicit !== 8) return 0;
    groups.push(...hg);
  } else {
    if (explicit > 7) return 0;
    groups.push(...hg);
    for (let i = 0; i < 8 - explicit; i++) groups.push(0);
    groups.push(...tg);
  }
  if (tailV4 >= 0) {
    groups.push(Math.floor(tailV4 / 65536), tailV4 % 65536);
  }
  for (let i = 0; i < 4; i++) {
    out[i] = (((groups[2 * i] as number) << 16) | (groups[2 * i + 1] as number)) >>> 0;
  }
  return 6;
}

/** Parses "a.b.c.d", "a.b.c.d/n", "v6addr" or "v6addr/n"; undefined when invalid. */
export function parseCidr(input: string): Cidr | undefined {
  const s = input.trim();
  const slash = s.indexOf('/');
  const addr = new Uint32Array(4);
  const fam = parseIp(slash === -1 ? s : s.slice(0, slash), addr);
  if (fam === 0) return undefined;
  let prefix = fam === 4 ? 32 : 128;
  if (slash !== -1) {
    const p = s.slice(slash + 1);
    if (!/^\d{1,3}$/.test(p)) return undefined;
    prefix = Number(p);
    if (prefix > (fam === 4 ? 32 : 128)) return undefined;
  }
  const bits = fam === 4 ? 96 + prefix : prefix;
  const mask = new Uint32Array(4);
  const net = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const b = Math.max(0, Math.min(32, bits - 32 * i));
    mask[i] = b === 0 ? 0 : b === 32 ? 0xffffffff : (0xffffffff << (32 - b)) >>> 0;
    net[i] = ((addr[i] as number) & (mask[i] as number)) >>> 0;
  }
  return { net, mask, bits };
}

export function cidrContains(cidr: Cidr, addr: Uint32Array): boolean {
  const { net, mask } = cidr;
  for (let i = 0; i < 4; i++) {
    if ((((addr[i] as number) & (mask[i] as number)) >>> 0) !== net[i]) return false;
  }
  return true;
}

const scratch = new Uint32Array(4);

/** True when `address` parses and lies in any of `cidrs`. */
export function ipInAny(cidrs: readonly Cidr[], address: string): boolean {
  if (cidrs.length === 0 || parseIp(address, scratch) === 0) return false;
  for (let i = 0; i < cidrs.length; i++) {
    if (cidrContains(cidrs[i] as Cidr, scratch)) return true;
  }
  return false;
}
