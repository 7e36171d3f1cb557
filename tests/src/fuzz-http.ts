// Turning a generated request into bytes on the wire, and sending it with node:http (which,
// unlike fetch, lets a request carry any path bytes, header and body it likes).
import http from 'node:http';
import type { FuzzRequest } from './fuzz-requests.js';
import type { Operation } from './fuzz-spec.js';
import { RawJson, RawText } from './fuzz-values.js';

export interface WireRequest {
  method: string;
  /** Path and query string, percent-encoded. */
  target: string;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** A Server-Sent Events stream, closed as soon as it started. */
  streamed: boolean;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 of `text` (a lone surrogate becomes U+FFFD, as a browser sends it). */
export function encodeComponent(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function urlText(value: unknown, keepSlashes = false): string {
  if (value instanceof RawText) return value.text;
  const text = value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);
  return keepSlashes ? text.split('/').map(encodeComponent).join('/') : encodeComponent(text);
}

/** Header text as Node sends it: unicode as its UTF-8 bytes, no control characters (Node refuses those). */
export function headerSafe(text: string): string {
  return Buffer.from(text, 'utf8')
    .toString('latin1')
    .replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
}

/** JSON.stringify, with RawJson spliced in verbatim. */
export function serializeJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key, item) {
    const original = this[key];
    if (original instanceof RawJson) {
      raws.push(original.text);
      return `\u0001raw${raws.length - 1}\u0001`;
    }
    return item;
  });
  if (text === undefined) return '';
  return raws.length === 0 ? text : text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_, index: string) => raws[Number(index)]!);
}

/** Long-polls answer at once or after a second: a timeout the request left out (30 s by default) is set to 0. */
function boundWaits(op: Operation, query: Record<string, unknown>): Record<string, unknown> {
  if (!op.parameters.some((p) => p.in === 'query' && p.name === 'timeoutSeconds')) return query;
  const given = query.timeoutSeconds;
  if (given === undefined) return { ...query, timeoutSeconds: 0 };
  // What the server would coerce it to ("0x10" is 16, "00012" is 12): longer than a second waits a second.
  const seconds = Array.isArray(given) ? Number.NaN : Number(given instanceof RawText ? Number.NaN : given);
  return Number.isFinite(seconds) && seconds > 1 && seconds <= 60 ? { ...query, timeoutSeconds: 1 } : query;
}

function boundBodyWaits(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const body = value as Record<string, unknown>;
  return typeof body.waitMs === 'number' && body.waitMs > 300 && body.waitMs <= 60_000 ? { ...body, waitMs: 300 } : value;
}

export function toWire(op: Operation, request: FuzzRequest): WireRequest {
  let path = op.path;
  for (const [name, value] of Object.entries(request.path)) {
    path = path.replace(`{${name}}`, value === undefined ? '' : urlText(value, name === '*'));
  }
  const pairs: string[] = [];
  for (const [name, value] of Object.entries(boundWaits(op, request.query))) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    for (const item of values) pairs.push(`${encodeComponent(name)}=${urlText(item)}`);
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    headers[name] = headerSafe(String(value));
  }
  let body: Buffer | undefined;
  let contentType: string | undefined;
  if (request.body.kind === 'json') {
    body = Buffer.from(serializeJson(boundBodyWaits(request.body.value)), 'utf8');
    contentType = request.body.contentType;
  } else if (request.body.kind === 'raw') {
    body = typeof request.body.data === 'string' ? Buffer.from(request.body.data, 'utf8') : request.body.data;
    contentType = request.body.contentType;
  }
  if (contentType !== undefined) headers['content-type'] = contentType;
  if (body !== undefined) headers['content-length'] = String(body.length);
  return { method: request.method ?? op.method, target: pairs.length > 0 ? `${path}?${pairs.join('&')}` : path, headers, body };
}

const REPLY_LIMIT = 8 * 1024 * 1024;

/**
 * A body past the services' default body limit (1 MiB) is sent as Expect: 100-continue meant it:
 * its first bytes, then the rest only if no answer came within BODY_HOLD_MS. A server refuses such
 * a body from its Content-Length and closes the connection (Fastify does); writing the rest into
 * that close loses the answer to EPIPE/ECONNRESET, which would be the harness's race, not a fault.
 */
const LARGE_BODY_BYTES = 1_048_576;
const BODY_HEAD_BYTES = 64 * 1024;
const BODY_HOLD_MS = 2_000;

export class TransportError extends Error {
  override readonly name = 'TransportError';
}

/**
 * Sends one request; an SSE reply is closed at once. Rejects with a TransportError on a dropped
 * connection or after `timeoutMs`. A keep-alive connection the server had already closed (as
 * Node does after answering a malformed request, without saying `Connection: close`) is retried
 * once on a new connection, as Node's documentation recommends.
 */
export async function send(baseUrl: string, agent: http.Agent, wire: WireRequest, timeoutMs: number): Promise<Reply> {
  try {
    return await sendOnce(baseUrl, agent, wire, timeoutMs);
  } catch (error) {
    if (error instanceof StaleConnectionError) return sendOnce(baseUrl, false, wire, timeoutMs);
    throw error;
  }
}

class StaleConnectionError extends TransportError {}

function sendOnce(baseUrl: string, agent: http.Agent | false, wire: WireRequest, timeoutMs: number): Promise<Reply> {
  const url = new URL(baseUrl);
  return new Promise<Reply>((resolve, reject) => {
    let settled = false;
    let bodyHold: NodeJS.Timeout | undefined;
    const finish = (error: Error | undefined, reply?: Reply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(bodyHold);
      if (error) reject(error);
      else resolve(reply!);
    };
    const request = http.request({ host: url.hostname, port: url.port, method: wire.method, path: wire.target, headers: wire.headers, agent });
    const timer = setTimeout(() => {
      finish(new TransportError(`no complete answer within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);
    let responded = false;
    request.on('response', (response) => {
      responded = true;
      const status = response.statusCode ?? 0;
      if (String(response.headers['content-type'] ?? '').startsWith('text/event-stream')) {
        // The watch started: that is all the fuzzer needs to know; the server must cope with the hang-up.
        request.destroy();
        finish(undefined, { status, headers: response.headers, body: Buffer.alloc(0), streamed: true });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= REPLY_LIMIT) chunks.push(chunk);
      });
      response.on('end', () => {
        finish(undefined, { status, headers: response.headers, body: Buffer.concat(chunks), streamed: false });
        // Answered before the whole body was written: the connection is not reusable.
        if (!request.writableFinished) request.destroy();
      });
      response.on('error', (error) => finish(new TransportError(`reply broke off: ${error.message}`)));
    });
    // Once the answer has started, an error writing the rest of a body it refused (EPIPE) does not matter.
    request.on('error', (error) => {
      if (responded) return;
      finish(request.reusedSocket ? new StaleConnectionError(error.message) : new TransportError(`request failed: ${error.message}`));
    });
    const body = wire.body;
    if (body === undefined || body.length <= LARGE_BODY_BYTES) {
      request.end(body);
      return;
    }
    request.write(body.subarray(0, BODY_HEAD_BYTES));
    bodyHold = setTimeout(() => {
      if (!responded) request.end(body.subarray(BODY_HEAD_BYTES));
    }, BODY_HOLD_MS);
  });
}
