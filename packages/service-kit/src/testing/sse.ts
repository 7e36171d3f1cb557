import { createParser } from 'eventsource-parser';

export interface SseEvent {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

export interface ReadSseOptions {
  lastEventId?: string;
  until: (events: SseEvent[]) => boolean;
  /** Default 15 s. */
  timeoutMs?: number;
  /**
   * Called once the first chunk arrives, when the server is watching: changes made from here on
   * are streamed. Not awaited before reading on, so it may write while the stream is read; a
   * promise it returns is awaited before the events are returned.
   */
  onOpen?: () => unknown;
}

/** Reads an SSE response until `until` is satisfied, the stream ends or the time is up; then aborts it. */
export async function readSse(url: string, options: ReadSseOptions): Promise<SseEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15_000);
  const events: SseEvent[] = [];
  const parser = createParser({ onEvent: (message) => events.push({ id: message.id, event: message.event, data: message.data }) });
  try {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}) },
      signal: controller.signal,
    });
    const decoder = new TextDecoder();
    let opened: Promise<unknown> | undefined;
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      opened ??= Promise.resolve(options.onOpen?.());
      if (options.until(events)) break;
    }
    await opened;
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}
