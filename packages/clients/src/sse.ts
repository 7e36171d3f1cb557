import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface ServerSentEvent {
  id: string | undefined;
  event: string;
  data: string;
}

export interface WatchOptions {
  url: string;
  apiKey?: string | undefined;
  /** Resume after this event id (a Trellis revision). */
  lastEventId?: string | undefined;
  signal?: AbortSignal;
  /** Reconnect delay after a dropped stream; the server's `retry:` overrides it. */
  retryMs?: number;
  fetch?: typeof fetch;
}

/**
 * Follows a Trellis SSE watch endpoint, reconnecting with Last-Event-ID after a drop so no
 * event is missed or repeated. Ends when the signal aborts, or after a `compacted` event
 * (which it yields: the caller must re-list, then watch again from the new revision).
 */
export async function* watchServerSentEvents(options: WatchOptions): AsyncGenerator<ServerSentEvent> {
  const doFetch = options.fetch ?? fetch;
  let lastEventId = options.lastEventId;
  let retryMs = options.retryMs ?? 1_000;
  while (!options.signal?.aborted) {
    const queue: ServerSentEvent[] = [];
    const parser = createParser({
      onEvent: (message: EventSourceMessage) => {
        if (message.id !== undefined) lastEventId = message.id;
        queue.push({ id: message.id, event: message.event ?? 'message', data: message.data });
      },
      onRetry: (interval) => {
        retryMs = interval;
      },
    });
    try {
      const response = await doFetch(options.url, {
        headers: {
          accept: 'text/event-stream',
          ...(lastEventId !== undefined ? { 'last-event-id': lastEventId } : {}),
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (response.status >= 400 && response.status < 500) {
        throw new Error(`watch ${options.url} answered ${response.status}: ${await response.text()}`);
      }
      if (!response.ok || !response.body) throw new RetryableWatchError(`watch answered ${response.status}`);
      const decoder = new TextDecoder();
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        parser.feed(decoder.decode(chunk, { stream: true }));
        while (queue.length) {
          const event = queue.shift()!;
          yield event;
          if (event.event === 'compacted') return;
        }
      }
    } catch (error) {
      if (options.signal?.aborted) return;
      if (!(error instanceof RetryableWatchError) && error instanceof Error && /answered 4\d\d/.test(error.message)) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, retryMs));
  }
}

class RetryableWatchError extends Error {}
