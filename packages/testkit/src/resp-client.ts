import { connect } from 'node:net';

/** A RESP2 reply: simple/bulk strings as strings, integers as numbers, nil as null, arrays as arrays. */
export type RespValue = string | number | null | RespValue[];

/** An error reply from Redis (`-ERR ...`, `-MOVED ...`, `-LOADING ...`). */
export class RedisReplyError extends Error {
  override name = 'RedisReplyError';
}

export interface RedisCommandOptions {
  /** Connect + reply deadline; default 2000 ms. */
  timeoutMs?: number;
}

type Parsed = { value: RespValue | RedisReplyError; next: number } | undefined;

function parseReply(buf: Buffer, start: number): Parsed {
  const lineEnd = buf.indexOf('\r\n', start);
  if (lineEnd === -1) return undefined;
  const type = String.fromCharCode(buf[start] ?? 0);
  const line = buf.toString('utf8', start + 1, lineEnd);
  const afterLine = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, next: afterLine };
    case '-':
      return { value: new RedisReplyError(line), next: afterLine };
    case ':':
      return { value: Number(line), next: afterLine };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: afterLine };
      if (buf.length < afterLine + len + 2) return undefined;
      return { value: buf.toString('utf8', afterLine, afterLine + len), next: afterLine + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: afterLine };
      const items: RespValue[] = [];
      let offset = afterLine;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, offset);
        if (!item) return undefined;
        // An error nested in an array (e.g. EXEC) is kept as its message.
        items.push(item.value instanceof RedisReplyError ? item.value.message : item.value);
        offset = item.next;
      }
      return { value: items, next: offset };
    }
    default:
      throw new Error(`RESP: unexpected reply type ${JSON.stringify(type)}`);
  }
}

function encodeCommand(args: readonly (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const data = Buffer.from(String(arg), 'utf8');
    parts.push(Buffer.from(`$${data.length}\r\n`), data, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/**
 * Sends one command to a Redis node over a fresh TCP connection (raw RESP, no client library) and
 * resolves with its reply; an error reply rejects with {@link RedisReplyError}. No redirection:
 * meant for probing and administering the servers testkit starts, not for application code.
 */
export function redisCommand(
  target: { host?: string; port: number },
  args: readonly (string | number)[],
  opts: RedisCommandOptions = {},
): Promise<RespValue> {
  const host = target.host ?? '127.0.0.1';
  const timeoutMs = opts.timeoutMs ?? 2000;
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    let settled = false;
    const socket = connect({ host, port: target.port });
    const finish = (err: Error | undefined, value?: RespValue) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(value ?? null);
    };
    const timer = setTimeout(
      () => finish(new Error(`redis ${host}:${target.port}: no reply to ${String(args[0])} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => socket.write(encodeCommand(args)));
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let parsed: Parsed;
      try {
        parsed = parseReply(buf, 0);
      } catch (err) {
        finish(err as Error);
        return;
      }
      if (!parsed) return;
      if (parsed.value instanceof RedisReplyError) finish(parsed.value);
      else finish(undefined, parsed.value);
    });
    socket.on('error', (err) => finish(new Error(`redis ${host}:${target.port}: ${err.message}`, { cause: err })));
    socket.on('close', () => finish(new Error(`redis ${host}:${target.port}: connection closed before a reply`)));
  });
}

/** Parses an INFO reply (`key:value` lines) into a record. */
export function parseInfo(info: RespValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof info !== 'string') return out;
  for (const line of info.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const i = line.indexOf(':');
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

/** Turns a flat `[k1, v1, k2, v2, ...]` reply (SENTINEL REPLICAS entries, ...) into a record. */
export function pairsToRecord(reply: RespValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(reply)) return out;
  for (let i = 0; i + 1 < reply.length; i += 2) out[String(reply[i])] = String(reply[i + 1]);
  return out;
}
