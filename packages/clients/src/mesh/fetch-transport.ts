import type { TransportErrorKind } from '@trellis/mesh-core';
import type { RegistryInstance } from '../registry-client.js';

/** fetch (undici) error codes that mean no connection was made, so no handler ran. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET_CONNECT',
]);

export function classifyFetchError(error: unknown): TransportErrorKind {
  const cause = (error as { cause?: { code?: string; cause?: { code?: string } } }).cause;
  const code = cause?.code ?? cause?.cause?.code ?? (error as { code?: string }).code;
  return code && CONNECT_FAILURES.has(code) ? 'connect-failure' : 'reset';
}

export function instanceUrl(instance: RegistryInstance, pathAndQuery: string): string {
  const host = instance.host.includes(':') ? `[${instance.host}]` : instance.host;
  return `http://${host}:${instance.port}${pathAndQuery}`;
}
