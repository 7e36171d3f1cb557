import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import type { CheckStatus } from './schemas.js';

export interface ProbeResult {
  status: CheckStatus;
  output: string;
}

/** Body bytes kept in the output of an HTTP check: enough for a health document's gist. */
const BODY_EXCERPT_BYTES = 1_024;

export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Consul's rule: 2xx passing, 429 warning (the instance asks for less traffic), anything else critical. */
export function statusForHttpCode(code: number): CheckStatus {
  if (code >= 200 && code < 300) return 'passing';
  if (code === 429) return 'warning';
  return 'critical';
}

/**
 * GET `url` on a fresh connection (no keep-alive, as Consul does: a pooled socket would hide
 * that the instance stopped accepting connections), redirects not followed, bounded in time
 * and in how much of the body is read.
 */
export function httpProbe(url: string, timeoutMs: number, headers: Record<string, string>): Promise<ProbeResult> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = httpRequest(url, { method: 'GET', agent: false, headers: { ...headers, connection: 'close' } }, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        const code = response.statusCode ?? 0;
        const body = Buffer.concat(chunks).subarray(0, BODY_EXCERPT_BYTES).toString('utf8').trim();
        finish({
          status: statusForHttpCode(code),
          output: `HTTP GET ${url}: ${code} ${response.statusMessage ?? ''}${body ? ` Output: ${body}` : ''}`,
        });
      };
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        size += chunk.length;
        if (size >= BODY_EXCERPT_BYTES) done();
      });
      response.on('end', done);
      response.on('error', done);
    });
    const timer = setTimeout(
      () => finish({ status: 'critical', output: `HTTP GET ${url}: timed out after ${timeoutMs} ms` }),
      timeoutMs,
    );
    request.on('error', (error) => finish({ status: 'critical', output: `HTTP GET ${url}: ${error.message}` }));
    request.end();
  });
}

/** Passing when a TCP connection to host:port opens within the timeout. */
export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const target = `${hostForUrl(host)}:${port}`;
    const socket = connect({ host, port });
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ status: 'critical', output: `TCP connect ${target}: timed out after ${timeoutMs} ms` }), timeoutMs);
    socket.once('connect', () => finish({ status: 'passing', output: `TCP connect ${target}: Success` }));
    socket.once('error', (error) => finish({ status: 'critical', output: `TCP connect ${target}: ${error.message}` }));
  });
}
