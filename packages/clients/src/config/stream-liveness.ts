export interface StreamLivenessHooks {
  /** The stream answered 2xx and is open. */
  opened(): void;
  /** Bytes arrived (an event or the server's keep-alive comment). */
  heard(): void;
  /** The stream is over: `clean` when the server ended it, not when it failed or went silent. */
  closed(clean: boolean): void;
}

/**
 * Wraps fetch for a long-lived SSE request so its liveness can be observed: it reports when
 * the stream opens, every chunk that arrives, and when it closes; and it aborts a stream that
 * stays silent longer than `idleTimeoutMs` (the server sends a keep-alive every 15 s), which
 * turns a half-open connection into an ordinary drop that the watcher recovers from.
 */
export function livenessFetch(baseFetch: typeof fetch, idleTimeoutMs: number, hooks: StreamLivenessHooks): typeof fetch {
  return async (input, init) => {
    const connection = new AbortController();
    const outer = init?.signal;
    if (outer?.aborted) connection.abort(outer.reason);
    const onOuterAbort = () => connection.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    let response: Response;
    try {
      response = await baseFetch(input, { ...init, signal: connection.signal });
    } catch (error) {
      outer?.removeEventListener('abort', onOuterAbort);
      throw error;
    }
    if (!response.ok || !response.body) {
      outer?.removeEventListener('abort', onOuterAbort);
      return response;
    }

    hooks.opened();
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    let finished = false;
    const finish = (clean: boolean) => {
      if (finished) return;
      finished = true;
      clearTimeout(idleTimer);
      outer?.removeEventListener('abort', onOuterAbort);
      hooks.closed(clean);
    };
    const arm = () => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => connection.abort(new Error(`no data for ${idleTimeoutMs} ms`)), idleTimeoutMs);
      (idleTimer as { unref?: () => void }).unref?.();
    };
    arm();
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            finish(true);
            controller.close();
            return;
          }
          hooks.heard();
          arm();
          controller.enqueue(value);
        } catch (error) {
          finish(false);
          controller.error(error);
        }
      },
      async cancel(reason) {
        finish(false);
        await reader.cancel(reason).catch(() => {});
      },
    });
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
