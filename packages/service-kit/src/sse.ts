import type { ChangeEvent, ChangeLog, ChangeScope } from '@trellis/redis-core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from './problem.js';

const HEARTBEAT_MS = 15_000;
/** A watcher that cannot keep up is cut off (it resumes with Last-Event-ID) rather than buffered forever. */
const MAX_BUFFERED_BYTES = 4 * 1_048_576;

export interface SseWatchOptions<T> {
  changeLog: ChangeLog;
  scope: ChangeScope;
  /** Query-string fallback for clients that cannot set Last-Event-ID. */
  fromRevision?: number | undefined;
  filter?: (event: ChangeEvent<T>) => boolean;
  /** Shapes the event's JSON; by default {revision, type, time, data}. */
  map?: (event: ChangeEvent<T>) => unknown;
}

const openStreams = new WeakMap<FastifyInstance, Set<() => void>>();

/** Ends every open SSE stream when the app closes, so shutdown is not held up by watchers. */
export function registerSseShutdown(app: FastifyInstance): void {
  const streams = new Set<() => void>();
  openStreams.set(app, streams);
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });
}

export function parseLastEventId(request: FastifyRequest, fromRevision?: number): number | undefined {
  const header = request.headers['last-event-id'];
  if (header === undefined || header === '') return fromRevision;
  const value = Number(header);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new HttpProblem(400, 'INVALID_LAST_EVENT_ID', 'Last-Event-ID must be a non-negative integer revision');
  }
  return value;
}

function frame<T>(event: ChangeEvent<T>, map: ((event: ChangeEvent<T>) => unknown) | undefined): string {
  const body = map ? map(event) : { revision: event.revision, type: event.type, time: event.time, data: event.data };
  return `id: ${event.revision}\nevent: ${event.type}\ndata: ${JSON.stringify(body)}\n\n`;
}

/**
 * Server-Sent Events from a change log: `id:` is the revision, so a client that reconnects
 * with Last-Event-ID gets every event it missed, in order, once. When that is no longer
 * possible it gets one `compacted` event and must re-list.
 */
export function streamChanges<T>(request: FastifyRequest, reply: FastifyReply, options: SseWatchOptions<T>): void {
  const from = parseLastEventId(request, options.fromRevision);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': String(request.id),
  });
  // HEAD (which Fastify routes to the GET): the headers a watch would start with, and no stream.
  if (request.method === 'HEAD') {
    raw.end();
    return;
  }
  raw.write(`retry: 1000\n: watching${from === undefined ? '' : ` after revision ${from}`}\n\n`);

  let ended = false;
  const streams = openStreams.get(request.server);
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    subscription?.close();
    streams?.delete(end);
    raw.end();
  };
  streams?.add(end);
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();
  request.raw.on('close', end);

  const filter = options.filter;
  const subscription = options.changeLog.subscribe<T>(options.scope, from, {
    event: (event) => {
      if (ended || (filter && !filter(event))) return;
      raw.write(frame(event, options.map));
      if (raw.writableLength > MAX_BUFFERED_BYTES) end();
    },
    compacted: (revision) => {
      if (ended) return;
      raw.write(`event: compacted\ndata: ${JSON.stringify({ revision, detail: 'history before this revision was trimmed; re-list, then watch from revision' })}\n\n`);
      end();
    },
  });
  if (ended) subscription.close();
}
