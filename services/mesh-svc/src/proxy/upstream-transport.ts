import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { RegistryInstance } from '@trellis/clients';
import type { TransportErrorKind } from '@trellis/mesh-core';
import { Agent, request } from 'undici';

export interface UpstreamResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Readable & { dump?: (options?: { limit?: number }) => Promise<void> };
}

export interface UpstreamRequest {
  method: string;
  /** Path and query, as the caller sent them after the destination. */
  path: string;
  headers: Record<string, string | string[]>;
  body: Buffer | undefined;
}

/** Errors that mean no connection was made, so no handler ran. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET_CONNECT',
]);

export function classifyUpstreamError(error: unknown): TransportErrorKind {
  const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code;
  return code && CONNECT_FAILURES.has(code) ? 'connect-failure' : 'reset';
}

/**
 * Sends proxied calls with undici: pooled keep-alive connections and the body bytes exactly as
 * they came (no decompression, unlike fetch), so the answer can be passed on untouched.
 */
export class UpstreamTransport {
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connect: { timeout: 5_000 } });

  async send(instance: RegistryInstance, call: UpstreamRequest, signal: AbortSignal): Promise<UpstreamResponse> {
    const host = instance.host.includes(':') ? `[${instance.host}]` : instance.host;
    const response = await request(`http://${host}:${instance.port}${call.path}`, {
      method: call.method as 'GET',
      headers: call.headers,
      body: call.body && call.body.length > 0 ? call.body : null,
      signal,
      dispatcher: this.agent,
    });
    return response as unknown as UpstreamResponse;
  }

  discard(response: UpstreamResponse): void {
    // Reading a small rest keeps the connection reusable; a large one is cut.
    if (response.body.dump) void response.body.dump({ limit: 64 * 1_024 }).catch(() => {});
    else response.body.destroy();
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
