import pino from 'pino';

/** Flushes at least this often, so a quiet service's lines still appear promptly. */
const FLUSH_INTERVAL_MS = 250;
/** Bytes gathered before one write: ~20 access lines at a busy service's rate. */
const BUFFER_BYTES = 4_096;

/**
 * Standard output, written in batches rather than with one synchronous write per line: at tens
 * of thousands of requests a second the per-line syscall was a large share of every hot path
 * (bench/). pino flushes what is buffered synchronously when the process exits, and a timer
 * bounds how long a line can wait.
 */
export function bufferedStdout(): pino.DestinationStream {
  const destination = pino.destination({ dest: 1, sync: false, minLength: BUFFER_BYTES });
  const timer = setInterval(() => {
    try {
      destination.flush();
    } catch {
      // Not open yet, or already closed at exit: the next tick (or the exit flush) covers it.
    }
  }, FLUSH_INTERVAL_MS);
  timer.unref();
  return destination;
}
