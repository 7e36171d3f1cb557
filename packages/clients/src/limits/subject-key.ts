import { createHash } from 'node:crypto';
import ipaddr from 'ipaddr.js';

/**
 * The rate-limit subject for a client address. IPv4 (and IPv4-mapped IPv6) counts per address;
 * IPv6 per /64, the smallest prefix a single customer is usually given, so one host cannot walk
 * through 2^64 addresses to escape its limit.
 */
export function ipSubject(address: string): string {
  const bare = address.replace(/%.*$/, '');
  if (!ipaddr.isValid(bare)) return `ip:${address}`;
  const parsed = ipaddr.process(bare);
  if (parsed.kind() === 'ipv4') return `ip:${parsed.toString()}`;
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  const prefix = new ipaddr.IPv6([...parts, 0, 0, 0, 0]);
  return `ip6:${prefix.toString()}/64`;
}

export function userSubject(userId: string): string {
  return `user:${userId}`;
}

/** API keys are secrets: limits-svc only ever sees (and stores in key names) a digest. */
export function apiKeySubject(apiKey: string): string {
  return `apikey:${createHash('sha256').update(apiKey).digest('base64url').slice(0, 32)}`;
}
